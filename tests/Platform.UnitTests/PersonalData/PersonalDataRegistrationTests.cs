using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.PersonalData;

namespace Platform.UnitTests.PersonalData;

public sealed class PersonalDataRegistrationTests
{
    [Fact]
    public void The_section_is_bound_and_the_protector_is_a_singleton()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["PersonalData:ActiveKeyId"] = "k2",
            ["PersonalData:EncryptionKeys:k1"] = TestKeys.NewKey(),
            ["PersonalData:EncryptionKeys:k2"] = TestKeys.NewKey(),
            ["PersonalData:BlindIndexKey"] = TestKeys.NewKey(),
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var protector = provider.GetRequiredService<IPersonalDataProtector>();

        Assert.Same(protector, provider.GetRequiredService<IPersonalDataProtector>());
        Assert.Equal(["k1", "k2"], provider.GetRequiredService<IOptions<PersonalDataOptions>>().Value.EncryptionKeys.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("v1.k2.", protector.Encrypt(PersonalDataKind.Phone, Samples.Phone), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_section_fails_start_up_validation()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["PersonalData:ActiveKeyId"] = "k9",
            ["PersonalData:EncryptionKeys:k1"] = TestKeys.NewKey(),
            ["PersonalData:BlindIndexKey"] = TestKeys.NewKey(),
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("'k9' is not among", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddPersonalDataProtection(configuration).BuildServiceProvider();
    }
}
