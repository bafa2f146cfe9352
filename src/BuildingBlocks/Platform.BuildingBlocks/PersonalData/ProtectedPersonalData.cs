namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// What is stored for one personal value: the ciphertext (<see cref="IPersonalDataProtector.Encrypt"/>) and the
/// blind index (<see cref="IPersonalDataProtector.BlindIndex"/>) to look it up and detect duplicates by.
/// Neither holds the plaintext, so <see cref="ToString"/> is safe to log.
/// </summary>
public readonly record struct ProtectedPersonalData(string Ciphertext, string BlindIndex);
