namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// A protected value could not be read: malformed ciphertext, a key id that is not configured, or a failed
/// authentication (tampering, or a ciphertext of another kind). The message never contains the plaintext.
/// </summary>
public sealed class PersonalDataException : Exception
{
    public PersonalDataException()
        : base("Protected personal data could not be read.")
    {
    }

    public PersonalDataException(string message)
        : base(message)
    {
    }

    public PersonalDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
