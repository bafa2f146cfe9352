using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>
/// A person who came home (or to the countryside) to start a business, registered in their home county;
/// a person is registered once in the whole platform (unique blind index). A veteran is recognised from
/// the veteran registry's event.
/// </summary>
internal sealed class Entrepreneur : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public EncryptedPersonalData Person { get; set; } = null!;

    public string Name { get; set; } = "";

    public DateOnly BirthDate { get; set; }

    public FounderCategory Category { get; set; }

    /// <summary>Where the person worked before coming home (city or employer), free text.</summary>
    public string FormerWorkplace { get; set; } = "";

    public DateOnly ReturnedOn { get; set; }

    /// <summary>The home county.</summary>
    public string RegionCode { get; set; } = "";

    /// <summary>The veteran's record in the veteran registry, when the person is a registered veteran.</summary>
    public Guid? VeteranId { get; set; }

    /// <summary>The first day the founder's own social insurance was paid, when it is.</summary>
    public DateOnly? SocialInsuranceSince { get; set; }

    public DateOnly RegisteredOn { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public string RegisteredBy { get; set; } = "";

    public DateTimeOffset? UpdatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A veteran known from the veteran registry's <c>VeteranRegistered</c> event (no other module's table is read).</summary>
internal sealed class KnownVeteran
{
    public string PersonBlindIndex { get; set; } = "";

    public Guid VeteranId { get; set; }

    public string Category { get; set; } = "";

    public string RegionCode { get; set; } = "";

    public DateOnly RegisteredOn { get; set; }
}

/// <summary>A business a founder registered; seen in the region where it operates.</summary>
internal sealed class Business : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EntrepreneurId { get; set; }

    /// <summary>The unified social credit code, upper case; unique.</summary>
    public string CreditCode { get; set; } = "";

    public string Name { get; set; } = "";

    public Industry Industry { get; set; }

    public LegalForm LegalForm { get; set; }

    /// <summary>The day of registration with market regulation (营业执照).</summary>
    public DateOnly RegisteredOn { get; set; }

    /// <summary>The county where it operates.</summary>
    public string RegionCode { get; set; } = "";

    public string Address { get; set; } = "";

    /// <summary>The park or incubator hosting it now.</summary>
    public Guid? ParkId { get; set; }

    public BusinessStatus Status { get; set; }

    public DateOnly? ClosedOn { get; set; }

    /// <summary>Employees with social insurance paid, now (kept with each change of the list).</summary>
    public int JobsCreated { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";

    public int Version { get; set; }
}

/// <summary>A person on a business's real-name employee list; a job created while insured and not ended.</summary>
internal sealed class Employee
{
    public Guid Id { get; set; }

    public Guid BusinessId { get; set; }

    public EncryptedPersonalData Person { get; set; } = null!;

    public string Name { get; set; } = "";

    public DateOnly StartedOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public bool SocialInsurance { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";

    /// <summary>Whether the employee counts as a job created on <paramref name="day"/> (not from the day they left).</summary>
    public bool IsJobOn(DateOnly day) => SocialInsurance && StartedOn <= day && (EndedOn is null || EndedOn.Value > day);
}

/// <summary>A business's revenue for a year (once per business and year).</summary>
internal sealed class RevenueReport
{
    public Guid Id { get; set; }

    public Guid BusinessId { get; set; }

    public int Year { get; set; }

    public decimal Revenue { get; set; }

    public int EmployeesAtYearEnd { get; set; }

    public DateTimeOffset ReportedAt { get; set; }

    public string ReportedBy { get; set; } = "";
}
