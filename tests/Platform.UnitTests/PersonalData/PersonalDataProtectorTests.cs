using System.Buffers.Text;
using Platform.BuildingBlocks.PersonalData;

namespace Platform.UnitTests.PersonalData;

public sealed class PersonalDataProtectorTests
{
    [Theory]
    [InlineData(PersonalDataKind.ResidentId, Samples.ResidentId)]
    [InlineData(PersonalDataKind.ResidentId, Samples.ResidentIdWithX)]
    [InlineData(PersonalDataKind.Phone, Samples.Phone)]
    [InlineData(PersonalDataKind.Phone, "")]
    [InlineData(PersonalDataKind.Phone, "张三 13812345678")]
    public void A_value_round_trips(PersonalDataKind kind, string value)
    {
        var protector = TestKeys.Protector();

        var ciphertext = protector.Encrypt(kind, value);

        Assert.Equal(value, protector.Decrypt(kind, ciphertext));
    }

    [Fact]
    public void Each_encryption_uses_a_new_nonce_but_the_blind_index_is_stable()
    {
        var protector = TestKeys.Protector();

        var first = protector.Encrypt(PersonalDataKind.Phone, Samples.Phone);
        var second = protector.Encrypt(PersonalDataKind.Phone, Samples.Phone);

        Assert.NotEqual(first, second);
        Assert.Equal(protector.BlindIndex(PersonalDataKind.Phone, Samples.Phone), protector.BlindIndex(PersonalDataKind.Phone, Samples.Phone));
    }

    [Fact]
    public void The_ciphertext_names_the_key_and_holds_neither_the_value_nor_its_digits()
    {
        var protector = TestKeys.Protector(TestKeys.SingleKey("k2025"));

        var ciphertext = protector.Encrypt(PersonalDataKind.ResidentId, Samples.ResidentId);

        var parts = ciphertext.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("v1", parts[0]);
        Assert.Equal("k2025", parts[1]);
        Assert.DoesNotContain(Samples.ResidentId, ciphertext, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.ResidentId[..6], ciphertext, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.ResidentId[^4..], ciphertext, StringComparison.Ordinal);

        // Nonce, ciphertext of the same length as the value, and tag.
        Assert.Equal(12 + Samples.ResidentId.Length + 16, Base64Url.DecodeFromChars(parts[2]).Length);
    }

    [Fact]
    public void Changing_any_byte_of_the_payload_is_detected()
    {
        var protector = TestKeys.Protector();
        var ciphertext = protector.Encrypt(PersonalDataKind.Phone, Samples.Phone);
        var header = ciphertext[..(ciphertext.LastIndexOf('.') + 1)];
        var payload = Base64Url.DecodeFromChars(ciphertext.AsSpan(header.Length));

        for (var i = 0; i < payload.Length; i++)
        {
            var tampered = (byte[])payload.Clone();
            tampered[i] ^= 0x01;

            var ex = Assert.Throws<PersonalDataException>(() => protector.Decrypt(PersonalDataKind.Phone, header + Base64Url.EncodeToString(tampered)));
            Assert.DoesNotContain(Samples.Phone, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_phone_ciphertext_cannot_be_decrypted_as_a_resident_id()
    {
        var protector = TestKeys.Protector();
        var ciphertext = protector.Encrypt(PersonalDataKind.Phone, Samples.Phone);

        var ex = Assert.Throws<PersonalDataException>(() => protector.Decrypt(PersonalDataKind.ResidentId, ciphertext));

        Assert.Contains("failed authentication", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.Phone, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relabelling_a_ciphertext_with_another_key_id_holding_the_same_key_is_detected()
    {
        var key = TestKeys.NewKey();
        var protector = TestKeys.Protector(TestKeys.Config("a", new Dictionary<string, string> { ["a"] = key, ["b"] = key }, TestKeys.NewKey()));
        var ciphertext = protector.Encrypt(PersonalDataKind.Phone, Samples.Phone);

        Assert.Throws<PersonalDataException>(() => protector.Decrypt(PersonalDataKind.Phone, "v1.b." + ciphertext.Split('.')[2]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("13812345678")]
    [InlineData("v2.test-a.AAAA")]
    [InlineData("v1.")]
    [InlineData("v1.test-a")]
    [InlineData("v1..AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1.bad key.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1.test-a.not*base64url")]
    [InlineData("v1.test-a.AAAA")]
    [InlineData("v1.test-a.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.extra")]
    public void Malformed_ciphertext_is_a_personal_data_exception(string ciphertext)
    {
        var protector = TestKeys.Protector(TestKeys.SingleKey("test-a"));

        Assert.Throws<PersonalDataException>(() => protector.Decrypt(PersonalDataKind.Phone, ciphertext));
        Assert.Throws<PersonalDataException>(() => protector.NeedsReEncryption(ciphertext));
    }

    [Fact]
    public void The_blind_index_differs_by_kind_and_by_blind_index_key()
    {
        var options = TestKeys.SingleKey();
        var protector = TestKeys.Protector(options);
        var otherBlindKey = TestKeys.Protector(TestKeys.Config(options.ActiveKeyId!, options.EncryptionKeys, TestKeys.NewKey()));

        var asPhone = protector.BlindIndex(PersonalDataKind.Phone, Samples.Phone);

        Assert.NotEqual(asPhone, protector.BlindIndex(PersonalDataKind.ResidentId, Samples.Phone));
        Assert.NotEqual(asPhone, otherBlindKey.BlindIndex(PersonalDataKind.Phone, Samples.Phone));
        Assert.NotEqual(asPhone, protector.BlindIndex(PersonalDataKind.Phone, "13812345679"));
        Assert.Equal(43, asPhone.Length);
        Assert.DoesNotContain(Samples.Phone, asPhone, StringComparison.Ordinal);
    }

    [Fact]
    public void The_blind_index_does_not_depend_on_the_encryption_keys()
    {
        var blindIndexKey = TestKeys.NewKey();
        var before = TestKeys.Protector(TestKeys.Config("a", new Dictionary<string, string> { ["a"] = TestKeys.NewKey() }, blindIndexKey));
        var after = TestKeys.Protector(TestKeys.Config("b", new Dictionary<string, string> { ["b"] = TestKeys.NewKey() }, blindIndexKey));

        Assert.Equal(before.BlindIndex(PersonalDataKind.ResidentId, Samples.ResidentId), after.BlindIndex(PersonalDataKind.ResidentId, Samples.ResidentId));
    }

    [Fact]
    public void An_undefined_kind_is_rejected()
    {
        var protector = TestKeys.Protector();

        Assert.Throws<ArgumentOutOfRangeException>(() => protector.Encrypt((PersonalDataKind)99, Samples.Phone));
        Assert.Throws<ArgumentOutOfRangeException>(() => protector.BlindIndex((PersonalDataKind)99, Samples.Phone));
    }

    [Fact]
    public void Invalid_options_fail_construction()
    {
        var options = TestKeys.SingleKey();
        options.ActiveKeyId = "missing";

        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => TestKeys.Protector(options));
    }
}
