using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.PersonalData;

/// <summary>Registers personal data protection.</summary>
public static class PersonalDataRegistration
{
    /// <summary>
    /// Binds <see cref="PersonalDataOptions"/> from the <c>PersonalData</c> section of <paramref name="configuration"/>,
    /// validates it at start-up and registers <see cref="IPersonalDataProtector"/> as a singleton.
    /// </summary>
    public static IServiceCollection AddPersonalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PersonalDataOptions>()
            .Bind(configuration.GetSection(PersonalDataOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>());
        services.TryAddSingleton<IPersonalDataProtector, PersonalDataProtector>();
        services.TryAddScoped<PersonalDataPresenter>();
        return services;
    }
}
