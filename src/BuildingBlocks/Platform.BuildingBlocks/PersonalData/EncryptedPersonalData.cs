namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// A personal value as an entity stores it: ciphertext and blind index, mapped as an owned type with
/// <see cref="PersonalDataModelBuilderExtensions.OwnsPersonalData{TEntity}"/>. Holds no plaintext.
/// </summary>
public sealed class EncryptedPersonalData
{
    public EncryptedPersonalData(string ciphertext, string blindIndex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ciphertext);
        ArgumentException.ThrowIfNullOrWhiteSpace(blindIndex);
        Ciphertext = ciphertext;
        BlindIndex = blindIndex;
    }

    /// <summary><c>v1.&lt;keyId&gt;.&lt;…&gt;</c> from <see cref="IPersonalDataProtector.Encrypt"/>.</summary>
    public string Ciphertext { get; private set; }

    /// <summary>The keyed hash for exact lookup and duplicate detection.</summary>
    public string BlindIndex { get; private set; }

    public static EncryptedPersonalData From(ProtectedPersonalData value) => new(value.Ciphertext, value.BlindIndex);
}
