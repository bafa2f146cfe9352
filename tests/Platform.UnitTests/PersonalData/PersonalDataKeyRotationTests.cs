using Platform.BuildingBlocks.PersonalData;

namespace Platform.UnitTests.PersonalData;

public sealed class PersonalDataKeyRotationTests
{
    private readonly string keyA = TestKeys.NewKey();
    private readonly string keyB = TestKeys.NewKey();
    private readonly string blindIndexKey = TestKeys.NewKey();

    [Fact]
    public void A_ciphertext_under_the_old_key_still_decrypts_after_the_active_key_changes()
    {
        var underA = Protector("A", ("A", keyA)).Encrypt(PersonalDataKind.ResidentId, Samples.ResidentId);
        var rotated = Protector("B", ("A", keyA), ("B", keyB));

        Assert.Equal(Samples.ResidentId, rotated.Decrypt(PersonalDataKind.ResidentId, underA));
        Assert.True(rotated.NeedsReEncryption(underA));
    }

    [Fact]
    public void Re_encryption_moves_the_value_to_the_active_key()
    {
        var underA = Protector("A", ("A", keyA)).Encrypt(PersonalDataKind.Phone, Samples.Phone);
        var rotated = Protector("B", ("A", keyA), ("B", keyB));

        var underB = rotated.ReEncrypt(PersonalDataKind.Phone, underA);

        Assert.StartsWith("v1.B.", underB, StringComparison.Ordinal);
        Assert.False(rotated.NeedsReEncryption(underB));
        Assert.Equal(Samples.Phone, Protector("B", ("B", keyB)).Decrypt(PersonalDataKind.Phone, underB));
    }

    [Fact]
    public void Re_encrypting_a_value_already_under_the_active_key_returns_it_unchanged()
    {
        var protector = Protector("B", ("A", keyA), ("B", keyB));
        var underB = protector.Encrypt(PersonalDataKind.Phone, Samples.Phone);

        Assert.False(protector.NeedsReEncryption(underB));
        Assert.Same(underB, protector.ReEncrypt(PersonalDataKind.Phone, underB));
    }

    [Fact]
    public void Re_encryption_checks_the_kind()
    {
        var underA = Protector("A", ("A", keyA)).Encrypt(PersonalDataKind.Phone, Samples.Phone);

        Assert.Throws<PersonalDataException>(() => Protector("B", ("A", keyA), ("B", keyB)).ReEncrypt(PersonalDataKind.ResidentId, underA));
    }

    [Fact]
    public void Once_the_old_key_is_removed_decryption_fails_naming_the_key_id_but_not_the_value()
    {
        var underA = Protector("A", ("A", keyA)).Encrypt(PersonalDataKind.ResidentId, Samples.ResidentId);
        var withoutA = Protector("B", ("B", keyB));

        var ex = Assert.Throws<PersonalDataException>(() => withoutA.Decrypt(PersonalDataKind.ResidentId, underA));

        Assert.Contains("'A'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.ResidentId, ex.Message, StringComparison.Ordinal);
        Assert.True(withoutA.NeedsReEncryption(underA));
    }

    [Fact]
    public void The_blind_index_survives_rotation()
    {
        Assert.Equal(
            Protector("A", ("A", keyA)).BlindIndex(PersonalDataKind.Phone, Samples.Phone),
            Protector("B", ("A", keyA), ("B", keyB)).BlindIndex(PersonalDataKind.Phone, Samples.Phone));
    }

    private PersonalDataProtector Protector(string activeKeyId, params (string Id, string Key)[] keys) =>
        TestKeys.Protector(TestKeys.Config(activeKeyId, keys.ToDictionary(k => k.Id, k => k.Key, StringComparer.Ordinal), blindIndexKey));
}
