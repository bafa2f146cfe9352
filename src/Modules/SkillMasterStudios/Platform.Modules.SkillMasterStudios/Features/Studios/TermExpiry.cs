using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Jobs;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Studios;

/// <summary>Options of the term expiry job, <c>Modules:SkillMasterStudios:TermExpiry</c>.</summary>
internal sealed class TermExpiryOptions
{
    public const string Section = "TermExpiry";

    /// <summary>How often studios past the end of their term are marked expired (default hourly).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Studios expired per transaction.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Marks active studios whose term ended before today as expired, which frees their master to lead
/// another studio; a renewal within the window brings them back (<see cref="DailySweep{TContext, TRecord}"/>).
/// </summary>
internal sealed class TermExpiry(IServiceScopeFactory scopes, TimeProvider time, IOptions<TermExpiryOptions> options, ILogger<TermExpiry> logger)
    : DailySweep<SkillMasterStudiosDbContext, Studio>(scopes, time, logger)
{
    public const string Reason = "认定期届满未续期 / term ended without renewal";

    public override string Description => "studio terms that ended";

    public override TimeSpan Interval => options.Value.Interval;

    protected override int BatchSize => options.Value.BatchSize;

    protected override IQueryable<Studio> Due(SkillMasterStudiosDbContext db, DateOnly today) =>
        db.Studios.Where(s => s.Status == StudioStatus.Active && s.TermEndsOn < today).OrderBy(s => s.TermEndsOn);

    protected override void Close(Studio record, DateTimeOffset now) => record.Close(StudioStatus.Expired, Reason, "system", now);
}
