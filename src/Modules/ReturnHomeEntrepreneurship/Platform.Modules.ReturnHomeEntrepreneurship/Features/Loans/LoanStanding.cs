using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;

/// <summary>Keeps a running loan's stored standing (status, outstanding, overdue) in step with its arithmetic.</summary>
internal static class LoanStandings
{
    /// <summary>The repayments of a loan as the arithmetic needs them.</summary>
    public static async Task<List<Payment>> PaymentsAsync(ReturnHomeEntrepreneurshipDbContext db, Guid loanId, CancellationToken cancellationToken) =>
        await db.Repayments.AsNoTracking().Where(r => r.LoanId == loanId).OrderBy(r => r.PaidOn)
            .Select(r => new Payment(r.PaidOn, r.Principal, r.Interest)).ToListAsync(cancellationToken);

    /// <summary>Evaluates the loan on <paramref name="today"/> and stores the result on it (a paid-out loan only).</summary>
    public static LoanStanding Refresh(Loan loan, IReadOnlyCollection<Payment> payments, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(loan);
        var standing = LoanArithmetic.Evaluate(loan.Terms, payments, today);
        if (!LoanStateMachine.Running.Contains(loan.Status))
        {
            return standing;
        }

        var status = LoanStateMachine.FromStanding(loan.Status, standing, payments.Count > 0);
        if (status != loan.Status && LoanStateMachine.CanMove(loan.Status, status))
        {
            loan.Status = status;
        }

        loan.Outstanding = standing.Outstanding;
        loan.OverdueSince = standing.OverdueSince;
        // From the whole history each time: a repayment reported late but dated on its due day leaves no spell.
        loan.EverOverdue = standing.Spells.Count > 0;
        loan.SettledOn = standing.Settled ? standing.SettledOn : null;
        loan.NextCheckOn = loan.Status is LoanStatus.Settled or LoanStatus.Compensated ? null : standing.NextDueOn?.AddDays(1);
        return standing;
    }
}

/// <summary>
/// Once a day, re-evaluates every running loan whose due day has passed, so lists and statistics show the
/// loans that became overdue (the arithmetic itself never depends on this job: it evaluates from the repayments).
/// </summary>
internal sealed partial class LoanStandingCheck(IServiceScopeFactory scopes, ILogger<LoanStandingCheck> logger)
{
    private const int BatchSize = 500;

    /// <summary>Checks every loan due for a check on <paramref name="today"/>; returns how many.</summary>
    public async Task<int> RunAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var checkedLoans = 0;
        var after = Guid.Empty;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReturnHomeEntrepreneurshipDbContext>();
            var loans = await db.Loans
                .Where(l => l.NextCheckOn != null && l.NextCheckOn <= today && LoanStateMachine.Running.Contains(l.Status) && l.Id.CompareTo(after) > 0)
                .OrderBy(l => l.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (loans.Count == 0)
            {
                return checkedLoans;
            }

            var ids = loans.Select(l => l.Id).ToArray();
            var payments = (await db.Repayments.AsNoTracking().Where(r => ids.Contains(r.LoanId)).Select(r => new { r.LoanId, r.PaidOn, r.Principal, r.Interest }).ToListAsync(cancellationToken))
                .ToLookup(r => r.LoanId, r => new Payment(r.PaidOn, r.Principal, r.Interest));
            foreach (var loan in loans)
            {
                LoanStandings.Refresh(loan, payments[loan.Id].ToArray(), today);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                LogRace(logger);
            }

            checkedLoans += loans.Count;
            after = loans[^1].Id;
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "A loan changed while its standing was checked; it is checked again tomorrow or at its next repayment.")]
    private static partial void LogRace(ILogger logger);
}

/// <summary>Runs <see cref="LoanStandingCheck"/> at start and then every hour with the day in China.</summary>
internal sealed partial class LoanStandingService(LoanStandingCheck check, TimeProvider time, ILogger<LoanStandingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await check.RunAsync(ChinaCalendar.Today(time), stoppingToken);
                LogChecked(logger, count);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }

            await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken);
        }
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Checked the standing of {Count} loans.")]
    private static partial void LogChecked(ILogger logger, int count);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "The daily loan standing check failed; it runs again in an hour.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
