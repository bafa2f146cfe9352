using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.VeteranEmployment.Domain;

/// <summary>
/// A discharged veteran registered in the region they resettle in; a person is registered once in the
/// whole platform (unique blind index). The ledger, training needs and records hang off it and are seen
/// through it, so they move with the veteran on a transfer.
/// </summary>
internal sealed class Veteran : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public EncryptedPersonalData Person { get; set; } = null!;

    public string Name { get; set; } = "";

    public DateOnly BirthDate { get; set; }

    public DischargeCategory Category { get; set; }

    public ServiceBranch Branch { get; set; }

    public DateOnly DischargedOn { get; set; }

    public string Rank { get; set; } = "";

    /// <summary>Military specialties and skills, one per line.</summary>
    public string Specialties { get; set; } = "";

    public EducationLevel Education { get; set; }

    public string RegionCode { get; set; } = "";

    public DateOnly RegisteredOn { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public string RegisteredBy { get; set; } = "";

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The status of the latest ledger entry in force today, kept for lists; the ledger is the record.</summary>
    public EmploymentStatus? CurrentStatus { get; set; }

    public int Version { get; set; }

    public IReadOnlyList<string> SpecialtyList => Split(Specialties);

    public static string Join(IEnumerable<string> values) =>
        string.Join('\n', values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));

    public static IReadOnlyList<string> Split(string joined) => joined.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A move of a veteran to another region (also across provinces), kept as history.</summary>
internal sealed class VeteranTransfer
{
    public Guid Id { get; set; }

    public Guid VeteranId { get; set; }

    public string FromRegionCode { get; set; } = "";

    public string ToRegionCode { get; set; } = "";

    public DateOnly TransferredOn { get; set; }

    public string Reason { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}

/// <summary>A survey answer about the training a veteran wants (the latest answer counts).</summary>
internal sealed class TrainingNeed
{
    public Guid Id { get; set; }

    public Guid VeteranId { get; set; }

    public DateOnly SurveyedOn { get; set; }

    /// <summary>Occupation codes wanted, one per line.</summary>
    public string Occupations { get; set; } = "";

    public TrainingForm PreferredForm { get; set; }

    public string Note { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}

/// <summary>A training the veteran completed under a voucher, learnt from the training vouchers module's event.</summary>
internal sealed class TrainingRecord
{
    public Guid Id { get; set; }

    public Guid VeteranId { get; set; }

    /// <summary>The voucher (unique: a redelivered event adds nothing).</summary>
    public Guid VoucherId { get; set; }

    public string OccupationCode { get; set; } = "";

    public string OccupationName { get; set; } = "";

    public string Level { get; set; } = "";

    public bool Passed { get; set; }

    public string? CertificateNumber { get; set; }

    public string InstitutionCode { get; set; } = "";

    public DateOnly CompletedOn { get; set; }
}
