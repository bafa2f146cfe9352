namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// The kinds of personal data protected at rest. The kind is bound into every ciphertext and blind index,
/// so a value protected as one kind can neither be decrypted nor looked up as another.
/// </summary>
public enum PersonalDataKind
{
    /// <summary>An 18-character resident identity number (GB 11643).</summary>
    ResidentId = 1,

    /// <summary>A mainland China mobile phone number of 11 digits.</summary>
    Phone = 2,

    /// <summary>A response body kept to replay an idempotent request; it may hold unmasked personal data.</summary>
    StoredResponse = 3,
}
