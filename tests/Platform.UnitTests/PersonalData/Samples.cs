namespace Platform.UnitTests.PersonalData;

/// <summary>Synthetic values with valid GB 11643 check characters; not real people.</summary>
internal static class Samples
{
    public const string ResidentId = "510107198903011234";

    public const string ResidentIdWithX = "51010719900301125X";

    public const string Phone = "13812345678";
}
