using Platform.BuildingBlocks.PersonalData;

namespace Platform.UnitTests.PersonalData;

public sealed class PersonalDataProtectorExtensionsTests
{
    [Fact]
    public void Protect_stores_the_normalised_value_and_its_blind_index()
    {
        var protector = TestKeys.Protector();

        var protectedValue = protector.Protect(PersonalDataKind.ResidentId, " 51010719900301125x ");

        Assert.Equal(Samples.ResidentIdWithX, protector.Decrypt(PersonalDataKind.ResidentId, protectedValue.Ciphertext));
        Assert.Equal(protector.BlindIndex(PersonalDataKind.ResidentId, Samples.ResidentIdWithX), protectedValue.BlindIndex);
    }

    [Fact]
    public void Differently_entered_equal_phones_share_a_blind_index()
    {
        var protector = TestKeys.Protector();

        var plain = protector.Protect(PersonalDataKind.Phone, Samples.Phone);
        var international = protector.Protect(PersonalDataKind.Phone, "+86 138-1234-5678");

        Assert.NotEqual(plain.Ciphertext, international.Ciphertext);
        Assert.Equal(plain.BlindIndex, international.BlindIndex);
        Assert.Equal(plain.BlindIndex, protector.BlindIndexForLookup(PersonalDataKind.Phone, "0086 13812345678"));
    }

    [Fact]
    public void Protect_rejects_an_invalid_value_without_echoing_it()
    {
        var protector = TestKeys.Protector();

        var ex = Assert.Throws<ArgumentException>(() => protector.Protect(PersonalDataKind.Phone, "12812345678"));

        Assert.DoesNotContain("12812345678", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookup_of_an_invalid_input_has_no_index()
    {
        Assert.Null(TestKeys.Protector().BlindIndexForLookup(PersonalDataKind.ResidentId, "510107198903011235"));
    }

    [Fact]
    public void The_protected_pair_prints_no_plaintext()
    {
        var protectedValue = TestKeys.Protector().Protect(PersonalDataKind.Phone, Samples.Phone);

        Assert.DoesNotContain(Samples.Phone, protectedValue.ToString(), StringComparison.Ordinal);
    }
}
