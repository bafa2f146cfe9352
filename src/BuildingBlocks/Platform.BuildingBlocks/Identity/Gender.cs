namespace Platform.BuildingBlocks.Identity;

/// <summary>Gender as encoded in a resident identity number (odd sequence digit = male).</summary>
public enum Gender
{
    Male,
    Female,
}
