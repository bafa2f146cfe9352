using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Features.Ledger;
using Platform.Modules.VeteranEmployment.Features.Shared;
using Platform.Modules.VeteranEmployment.Persistence;

namespace Platform.Modules.VeteranEmployment.Features.Jobs;

/// <summary>The body of VeteranEmployment_CreateJobPosting.</summary>
/// <param name="EmployerCode">The employer's unified social credit code.</param>
/// <param name="EmployerName">The employer's name (1–200 characters).</param>
/// <param name="RegionCode">Where the job is (within the caller's region).</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="Title">The job title (1–200 characters).</param>
/// <param name="Requirements">What the job requires (1–2000 characters).</param>
/// <param name="Specialties">Military specialties that suit the job (at most 20).</param>
/// <param name="Headcount">Veterans wanted, 1–1000.</param>
/// <param name="ClosesOn">The last day to apply (today or later).</param>
internal sealed record CreatePostingRequest(string? EmployerCode, string? EmployerName, string? RegionCode, string? OccupationCode, string? Title, string? Requirements, IReadOnlyList<string>? Specialties, int Headcount, DateOnly? ClosesOn);

/// <summary>A job posting. The version is the ETag.</summary>
/// <param name="Id">The posting.</param>
/// <param name="EmployerCode">The employer.</param>
/// <param name="EmployerName">Its name.</param>
/// <param name="RegionCode">Where the job is.</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="Title">The title.</param>
/// <param name="Requirements">Requirements.</param>
/// <param name="Specialties">Suitable specialties.</param>
/// <param name="Headcount">Veterans wanted.</param>
/// <param name="Placed">Veterans placed.</param>
/// <param name="ClosesOn">Last day to apply.</param>
/// <param name="Status">Open, Filled or Closed.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record PostingResponse(Guid Id, string EmployerCode, string EmployerName, string RegionCode, string OccupationCode, string Title, string Requirements, IReadOnlyList<string> Specialties, int Headcount, int Placed, DateOnly ClosesOn, PostingStatus Status, int Version)
{
    public static PostingResponse From(JobPosting p) => new(p.Id, p.EmployerCode, p.EmployerName, p.RegionCode, p.OccupationCode, p.Title, p.Requirements, Veteran.Split(p.Specialties), p.Headcount, p.Placed, p.ClosesOn, p.Status, p.Version);
}

/// <summary>A ranked match.</summary>
/// <param name="Id">The posting (for a veteran) or the veteran (for a posting).</param>
/// <param name="Score">Higher is better.</param>
/// <param name="Reasons">What the score is made of.</param>
/// <param name="RegionCode">The posting's or the veteran's region.</param>
/// <param name="Title">The posting's title, or the veteran's name.</param>
internal sealed record MatchResponse(Guid Id, int Score, IReadOnlyList<string> Reasons, string RegionCode, string Title);

/// <summary>The body of VeteranEmployment_ApplyForJob.</summary>
/// <param name="VeteranId">The veteran applying.</param>
internal sealed record ApplyRequest(Guid? VeteranId);

/// <summary>The body of VeteranEmployment_PlaceVeteran.</summary>
/// <param name="StartsOn">The first working day (not after today).</param>
/// <param name="ContractMonths">The labour contract's term in months, 0–600.</param>
/// <param name="SocialInsurance">Whether the employer pays social insurance.</param>
internal sealed record PlaceRequest(DateOnly? StartsOn, int ContractMonths, bool SocialInsurance);

/// <summary>An application of a veteran to a posting.</summary>
/// <param name="Id">The application.</param>
/// <param name="PostingId">The posting.</param>
/// <param name="VeteranId">The veteran.</param>
/// <param name="Status">Applied, Placed or Declined.</param>
/// <param name="PlacementEntryId">The ledger entry a placement recorded.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record JobApplicationResponse(Guid Id, Guid PostingId, Guid VeteranId, JobApplicationStatus Status, Guid? PlacementEntryId, int Version);

internal sealed class CreatePostingValidator : AbstractValidator<CreatePostingRequest>
{
    public CreatePostingValidator(RegionCatalog regions)
    {
        RuleFor(r => r.EmployerCode).NotEmpty().ValidCreditCode();
        RuleFor(r => r.EmployerName).NotEmpty().MaximumLength(200);
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.OccupationCode).NotEmpty().MaximumLength(20);
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Requirements).NotEmpty().MaximumLength(2000);
        RuleFor(r => r.Specialties).Must(s => s is null || (s.Count <= 20 && s.All(x => !string.IsNullOrWhiteSpace(x) && x.Length <= 50 && !x.Contains('\n', StringComparison.Ordinal))))
            .WithMessage(new LocalizedText("专长最多 20 项，每项 1–50 个字符。", "At most 20 specialties, each 1–50 characters."));
        RuleFor(r => r.Headcount).InclusiveBetween(1, 1000);
        RuleFor(r => r.ClosesOn).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
    }
}

internal sealed class ApplyRequestValidator : AbstractValidator<ApplyRequest>
{
    public ApplyRequestValidator() => RuleFor(r => r.VeteranId).NotNull().NotEqual(Guid.Empty);
}

internal sealed class PlaceRequestValidator : AbstractValidator<PlaceRequest>
{
    public PlaceRequestValidator()
    {
        RuleFor(r => r.StartsOn).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.ContractMonths).InclusiveBetween(0, 600);
    }
}

/// <summary>
/// Matching: a posting and a veteran score for the region (same county 3, same city 2, same province 1),
/// each shared specialty (2), the posting's occupation among the veteran's latest training wishes (3) and,
/// for veterans, seeking work now (2). Only open postings that still take applications, and veterans
/// not in work, are ranked.
/// </summary>
internal static class Matching
{
    public const int DefaultLimit = 20;

    public static (int Score, List<string> Reasons) Score(JobPosting posting, Veteran veteran, IReadOnlyCollection<string> wishes)
    {
        var reasons = new List<string>();
        var score = 0;
        if (posting.RegionCode == veteran.RegionCode)
        {
            score += 3;
            reasons.Add("同一区县 / same county");
        }
        else if (posting.RegionCode.AsSpan(0, 4).SequenceEqual(veteran.RegionCode.AsSpan(0, 4)))
        {
            score += 2;
            reasons.Add("同一市（州） / same city");
        }
        else if (posting.RegionCode.AsSpan(0, 2).SequenceEqual(veteran.RegionCode.AsSpan(0, 2)))
        {
            score += 1;
            reasons.Add("同一省（市） / same province");
        }

        var shared = Veteran.Split(posting.Specialties).Intersect(veteran.SpecialtyList, StringComparer.OrdinalIgnoreCase).ToArray();
        if (shared.Length > 0)
        {
            score += 2 * shared.Length;
            reasons.Add($"专长相符 / specialties: {string.Join("、", shared)}");
        }

        if (wishes.Contains(posting.OccupationCode, StringComparer.Ordinal))
        {
            score += 3;
            reasons.Add($"培训意向职业 / wanted occupation {posting.OccupationCode}");
        }

        if (veteran.CurrentStatus == EmploymentStatus.SeekingWork)
        {
            score += 2;
            reasons.Add("正在求职 / seeking work");
        }

        return (score, reasons);
    }
}

internal static class JobEndpoints
{
    public static void MapJobEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/job-postings", CreateAsync)
            .WithName("VeteranEmployment_CreateJobPosting")
            .RequirePermission(VeteranPermissions.JobsWrite)
            .WithSummary("Publish an employer's job posting for veterans")
            .ProducesApiProblem(StatusCodes.Status403Forbidden);

        routes.MapGet("/job-postings/{id:guid}", GetAsync)
            .WithName("VeteranEmployment_GetJobPosting")
            .RequirePermission(VeteranPermissions.JobsRead)
            .WithSummary("Get a job posting")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/job-postings/{id:guid}/closure", CloseAsync)
            .WithName("VeteranEmployment_CloseJobPosting")
            .RequirePermission(VeteranPermissions.JobsWrite)
            .WithSummary("Close a posting to further applications")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        routes.MapGet("/veterans/{id:guid}/job-matches", MatchPostingsAsync)
            .WithName("VeteranEmployment_MatchJobs")
            .RequirePermission(VeteranPermissions.JobsRead)
            .WithSummary("Rank open postings for a veteran")
            .WithDescription("By region, shared specialties and the veteran's latest training wishes; each match says why. Only postings the caller's region sees.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/job-postings/{id:guid}/veteran-matches", MatchVeteransAsync)
            .WithName("VeteranEmployment_MatchVeterans")
            .RequirePermission(VeteranPermissions.JobsRead)
            .WithSummary("Rank veterans not in work for a posting")
            .WithDescription("Veterans of the posting's city (seeking work, in training or without a status), by region, specialties, training wishes and seeking work; each match says why.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/job-postings/{id:guid}/applications", ApplyAsync)
            .WithName("VeteranEmployment_ApplyForJob")
            .RequirePermission(VeteranPermissions.JobsWrite)
            .WithSummary("Record a veteran's application to a posting")
            .WithDescription("Once per veteran and posting (409 veterans.already_applied); the posting must be open and not past its closing day (409 veterans.posting_closed).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        routes.MapPost("/job-applications/{id:guid}/placement", PlaceAsync)
            .WithName("VeteranEmployment_PlaceVeteran")
            .RequirePermission(VeteranPermissions.LedgerWrite)
            .WithSummary("Place an applicant: the veteran is employed from the first working day")
            .WithDescription("Records an Employed entry in the veteran's ledger (employer, position, contract, social insurance) and counts against the posting's headcount (409 veterans.posting_full); a full posting is Filled. Two placements racing for the last place: one wins, the other gets 409.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Created<PostingResponse>> CreateAsync(CreatePostingRequest request, HttpContext http, VeteranEmploymentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        VeteranAccess.RequireRegion(db.Caller, request.RegionCode!);
        var now = time.GetUtcNow();
        if (request.ClosesOn!.Value < ChinaCalendar.DayOf(now))
        {
            throw VeteranAccess.FieldError("closesOn", "截止日期不能早于今天。", "The closing day cannot be before today.");
        }

        var posting = new JobPosting
        {
            Id = Guid.CreateVersion7(now),
            EmployerCode = VeteranAccess.CreditCode(request.EmployerCode!),
            EmployerName = request.EmployerName!.Trim(),
            RegionCode = request.RegionCode!,
            OccupationCode = request.OccupationCode!.Trim(),
            Title = request.Title!.Trim(),
            Requirements = request.Requirements!.Trim(),
            Specialties = Veteran.Join(request.Specialties ?? []),
            Headcount = request.Headcount,
            ClosesOn = request.ClosesOn.Value,
            Status = PostingStatus.Open,
            PostedAt = now,
            PostedBy = db.Caller.Subject,
        };
        db.Postings.Add(posting);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, posting);
        return TypedResults.Created($"/api/veteran-employment/job-postings/{posting.Id}", PostingResponse.From(posting));
    }

    private static async Task<Ok<PostingResponse>> GetAsync(Guid id, HttpContext http, VeteranEmploymentDbContext db, CancellationToken cancellationToken)
    {
        var posting = await PostingAsync(db, id, cancellationToken);
        EntityTags.Set(http, posting);
        return TypedResults.Ok(PostingResponse.From(posting));
    }

    private static async Task<Ok<PostingResponse>> CloseAsync(Guid id, HttpContext http, VeteranEmploymentDbContext db, CancellationToken cancellationToken)
    {
        var posting = await PostingAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, posting);
        if (posting.Status != PostingStatus.Open)
        {
            throw VeteranProblems.Conflict(VeteranProblems.InvalidTransition, $"招聘信息状态为 {posting.Status}，不能关闭。", $"The posting is {posting.Status}; only an open posting can be closed.");
        }

        posting.Status = PostingStatus.Closed;
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, posting);
        return TypedResults.Ok(PostingResponse.From(posting));
    }

    /// <param name="limit">How many, 1–100 (default 20).</param>
    private static async Task<Ok<MatchResponse[]>> MatchPostingsAsync(Guid id, int? limit, VeteranEmploymentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var veteran = await db.Veterans.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw VeteranProblems.VeteranMissing(id);
        var today = ChinaCalendar.Today(time);
        var wishes = await LatestWishesAsync(db, [veteran.Id], cancellationToken);
        var province = veteran.RegionCode[..2];
        var postings = await db.Postings.AsNoTracking()
            .Where(p => p.Status == PostingStatus.Open && p.ClosesOn >= today && p.RegionCode.StartsWith(province))
            .OrderByDescending(p => p.PostedAt)
            .Take(2_000)
            .ToListAsync(cancellationToken);
        var ranked = postings
            .Select(p => (Posting: p, Match: Matching.Score(p, veteran, wishes.GetValueOrDefault(veteran.Id, []))))
            .Where(x => x.Match.Score > 0)
            .OrderByDescending(x => x.Match.Score).ThenBy(x => x.Posting.ClosesOn).ThenBy(x => x.Posting.Id)
            .Take(Limit(limit))
            .Select(x => new MatchResponse(x.Posting.Id, x.Match.Score, x.Match.Reasons, x.Posting.RegionCode, x.Posting.Title))
            .ToArray();
        return TypedResults.Ok(ranked);
    }

    /// <param name="limit">How many, 1–100 (default 20).</param>
    private static async Task<Ok<MatchResponse[]>> MatchVeteransAsync(Guid id, int? limit, VeteranEmploymentDbContext db, CancellationToken cancellationToken)
    {
        var posting = await PostingAsync(db, id, cancellationToken);
        var city = posting.RegionCode[..4];
        var veterans = await db.Veterans.AsNoTracking()
            .Where(v => v.RegionCode.StartsWith(city) && (v.CurrentStatus == null || v.CurrentStatus == EmploymentStatus.SeekingWork || v.CurrentStatus == EmploymentStatus.InTraining))
            .OrderByDescending(v => v.RegisteredAt)
            .Take(5_000)
            .ToListAsync(cancellationToken);
        var wishes = await LatestWishesAsync(db, veterans.Select(v => v.Id).ToArray(), cancellationToken);
        var ranked = veterans
            .Select(v => (Veteran: v, Match: Matching.Score(posting, v, wishes.GetValueOrDefault(v.Id, []))))
            .OrderByDescending(x => x.Match.Score).ThenBy(x => x.Veteran.Id)
            .Take(Limit(limit))
            .Select(x => new MatchResponse(x.Veteran.Id, x.Match.Score, x.Match.Reasons, x.Veteran.RegionCode, x.Veteran.Name))
            .ToArray();
        return TypedResults.Ok(ranked);
    }

    private static async Task<Created<JobApplicationResponse>> ApplyAsync(Guid id, ApplyRequest request, VeteranEmploymentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var posting = await PostingAsync(db, id, cancellationToken);
        var veteran = await VeteranAccess.VeteranAsync(db, request.VeteranId!.Value, cancellationToken);
        var now = time.GetUtcNow();
        if (posting.Status != PostingStatus.Open || posting.ClosesOn < ChinaCalendar.DayOf(now))
        {
            throw VeteranProblems.Conflict(VeteranProblems.PostingClosed, "该招聘已截止或已关闭。", "The posting no longer takes applications.");
        }

        if (await db.JobApplications.AnyAsync(a => a.PostingId == id && a.VeteranId == veteran.Id, cancellationToken))
        {
            throw AlreadyApplied();
        }

        var application = new JobApplication { Id = Guid.CreateVersion7(now), PostingId = id, VeteranId = veteran.Id, Status = JobApplicationStatus.Applied, AppliedAt = now, AppliedBy = db.Caller.Subject };
        db.JobApplications.Add(application);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw AlreadyApplied();
        }

        return TypedResults.Created($"/api/veteran-employment/job-postings/{id}", new JobApplicationResponse(application.Id, id, veteran.Id, application.Status, null, application.Version));
    }

    private static async Task<Ok<JobApplicationResponse>> PlaceAsync(Guid id, PlaceRequest request, VeteranEmploymentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await db.JobApplications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw VeteranProblems.Refuse(404, VeteranProblems.ApplicationNotFound, $"未找到求职申请 {id}。", $"Job application {id} was not found.");
        var posting = await PostingAsync(db, application.PostingId, cancellationToken);
        var veteran = await VeteranAccess.VeteranAsync(db, application.VeteranId, cancellationToken);
        if (application.Status != JobApplicationStatus.Applied)
        {
            throw VeteranProblems.Conflict(VeteranProblems.InvalidTransition, $"求职申请状态为 {application.Status}，不能录用。", $"The application is {application.Status}; only an open application can be placed.");
        }

        if (posting.Placed >= posting.Headcount)
        {
            throw VeteranProblems.Conflict(VeteranProblems.PostingFull, $"该招聘已录满 {posting.Headcount} 人。", $"The posting's {posting.Headcount} places are filled.");
        }

        var now = time.GetUtcNow();
        if (request.StartsOn!.Value > ChinaCalendar.DayOf(now))
        {
            throw VeteranAccess.FieldError("startsOn", "到岗日期不能晚于今天：录用在到岗后登记。", "The first working day cannot be after today: a placement is recorded once the veteran has started.");
        }

        var entry = await LedgerWriter.AppendOneAsync(
            db,
            veteran,
            new LedgerEntryRequest(request.StartsOn, EmploymentStatus.Employed, posting.EmployerCode, posting.Title, request.ContractMonths, request.SocialInsurance, null, null, null, $"招聘录用 / placed from posting {posting.Id}"),
            LedgerSource.Placement,
            now,
            cancellationToken);
        posting.Placed++;
        if (posting.Placed == posting.Headcount)
        {
            posting.Status = PostingStatus.Filled;
        }

        application.Status = JobApplicationStatus.Placed;
        application.DecidedAt = now;
        application.PlacementEntryId = entry.Id;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new JobApplicationResponse(application.Id, application.PostingId, application.VeteranId, application.Status, entry.Id, application.Version));
    }

    private static async Task<Dictionary<Guid, string[]>> LatestWishesAsync(VeteranEmploymentDbContext db, IReadOnlyCollection<Guid> veterans, CancellationToken cancellationToken)
    {
        var needs = await db.TrainingNeeds.AsNoTracking().Where(n => veterans.Contains(n.VeteranId)).Select(n => new { n.VeteranId, n.SurveyedOn, n.RecordedAt, n.Occupations }).ToListAsync(cancellationToken);
        return needs.GroupBy(n => n.VeteranId).ToDictionary(g => g.Key, g => Veteran.Split(g.OrderByDescending(n => n.SurveyedOn).ThenByDescending(n => n.RecordedAt).First().Occupations).ToArray());
    }

    private static async Task<JobPosting> PostingAsync(VeteranEmploymentDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Postings.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw VeteranProblems.Refuse(404, VeteranProblems.PostingNotFound, $"未找到招聘信息 {id}。", $"Job posting {id} was not found.");

    private static int Limit(int? limit) => limit switch
    {
        null => Matching.DefaultLimit,
        >= 1 and <= 100 => limit.Value,
        _ => throw VeteranAccess.FieldError("limit", "limit 须在 1–100 之间。", "limit must be 1–100."),
    };

    private static DomainException AlreadyApplied() =>
        VeteranProblems.Conflict(VeteranProblems.AlreadyApplied, "该退役军人已申请此岗位。", "The veteran has already applied to this posting.");
}
