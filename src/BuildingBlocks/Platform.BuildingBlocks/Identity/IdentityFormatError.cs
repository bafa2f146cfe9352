namespace Platform.BuildingBlocks.Identity;

/// <summary>Why an identity number or code failed to parse.</summary>
public enum IdentityFormatError
{
    None,
    Empty,
    WrongLength,
    InvalidCharacter,
    InvalidBirthDate,
    BirthDateInFuture,
    CheckCharacterMismatch,
    UnknownRegion,
}
