using Platform.BuildingBlocks.Concurrency;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>A mentor of the pool shared by Sichuan and Chongqing (创业导师库); seen by every region.</summary>
internal sealed class Mentor : IVersioned
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Organisation { get; set; } = "";

    /// <summary>Industries the mentor advises on, one name per line.</summary>
    public string Industries { get; set; } = "";

    /// <summary>Where the mentor is based (a county, city or province).</summary>
    public string RegionCode { get; set; } = "";

    public string Expertise { get; set; } = "";

    public bool Active { get; set; } = true;

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset? UpdatedAt { get; set; }

    public int Version { get; set; }

    public IReadOnlyList<Industry> IndustryList => Split(Industries);

    public static IReadOnlyList<Industry> Split(string industries) =>
        industries.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Industry>).ToArray();

    public static string Join(IEnumerable<Industry> industries) => string.Join('\n', industries.Distinct().Order());
}

/// <summary>A project of the library shared by Sichuan and Chongqing (项目资源库): an opportunity a founder may take up.</summary>
internal sealed class Project
{
    public Guid Id { get; set; }

    public string Title { get; set; } = "";

    public Industry Industry { get; set; }

    public string RegionCode { get; set; } = "";

    /// <summary>The investment needed, yuan.</summary>
    public decimal Investment { get; set; }

    public string Description { get; set; } = "";

    public bool Open { get; set; } = true;

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}

/// <summary>A mentoring session between a mentor and a founder.</summary>
internal sealed class MentoringSession
{
    public Guid Id { get; set; }

    public Guid MentorId { get; set; }

    public Guid EntrepreneurId { get; set; }

    public DateOnly HeldOn { get; set; }

    public decimal Hours { get; set; }

    public string Topic { get; set; } = "";

    public string Notes { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}
