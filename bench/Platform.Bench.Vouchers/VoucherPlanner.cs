using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.Bench.Vouchers;

/// <summary>One voucher's whole life as the generator decided it; days are <see cref="DateOnly.MinValue"/> when they never came.</summary>
internal struct PlannedVoucher
{
    public long IssuedAtUtcTicks;
    public DateOnly IssuedOn;
    public DateOnly ExpiresOn;
    public int Person;
    public string County;
    public Training Training;
    public decimal FaceValue;
    public VoucherStatus Status;

    /// <summary>The yearly quota slot taken at issue (1–3); kept on the row only while the voucher counts.</summary>
    public int Slot;

    public int Institution;
    public DateOnly EnrolledOn;
    public DateOnly CourseStartsOn;
    public DateOnly CourseEndsOn;
    public int ScheduledHours;
    public int AttendedMinutes;
    public DateOnly CompletedOn;
    public bool? Passed;
    public DateOnly ClaimedOn;
    public DateOnly ApprovedOn;
    public DateOnly PaidOn;
    public DateOnly ClosedOn;

    /// <summary>The day it stopped counting towards the quota (expired, cancelled, revoked), else MaxValue.</summary>
    public DateOnly StopsCountingOn;

    /// <summary>The day it stopped being open (completed or closed), else MaxValue.</summary>
    public DateOnly OpenUntil;

    /// <summary>The next voucher of the same holder, earlier in time order (-1 at the end).</summary>
    public int PreviousOfPerson;
}

/// <summary>How the vouchers ended up, for the report.</summary>
internal sealed record PlanSummary(
    int Vouchers, int People, int HoldersUsed, IReadOnlyDictionary<VoucherStatus, int> ByStatus, int Passed, int Failed, int MigrantWorkerVouchers,
    IReadOnlyDictionary<string, int> ByCity, int Redraws, DateOnly FirstDay, DateOnly LastDay, DateOnly ChinaToday);

/// <summary>
/// Plans every voucher in issue order, as the program would have produced them day by day: issue days
/// over the period (growing year on year, mostly on working days), a holder drawn from the population,
/// an occupation and level, and a fate (used and assessed, unused until it expired, cancelled, rarely
/// revoked) whose steps that fall on or before the last day happened. Before a voucher is accepted the
/// holder's earlier vouchers are checked as issuing checks them: at most 3 counting vouchers a year (the
/// lowest free quota slot is taken), no second open voucher for the same occupation and level, no
/// voucher for an occupation already passed at the same or a higher level. So the unique QuotaSlot and
/// OpenSlot indexes hold on the result by construction.
/// </summary>
internal sealed class VoucherPlanner(Catalogue catalogue, RegionPlan regions, Population people, int seed, DateOnly lastDay, DateOnly chinaToday)
{
    public static readonly DateOnly FirstDay = new(2021, 1, 1);

    private static readonly TimeSpan China = ChinaCalendar.Offset;

    private readonly Random random = new(seed);

    public PlannedVoucher[] Plan(int count, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var ticks = IssueInstants(count);
        var plans = new PlannedVoucher[count];
        var lastOfPerson = new int[people.Count];
        Array.Fill(lastOfPerson, -1);
        var redraws = 0;
        for (var i = 0; i < count; i++)
        {
            var issuedAt = new DateTimeOffset(ticks[i], TimeSpan.Zero);
            var day = ChinaCalendar.DayOf(issuedAt);
            var accepted = false;
            for (var attempt = 0; attempt < 500 && !accepted; attempt++)
            {
                var person = random.Next(people.Count);
                var home = people.HomeCounties[person];
                var county = random.NextDouble() < 0.9 ? home : regions.CityOf(home).CountyTable.Draw(random);
                var training = catalogue.DrawTraining(random);
                var rules = catalogue.RulesFor(county, day);
                if (!MayIssue(plans, lastOfPerson[person], training, day, rules.YearlyQuota, out var slot))
                {
                    redraws++;
                    continue;
                }

                var standard = catalogue.StandardFor(training, county, day)
                    ?? throw new Platform.Bench.BenchFailureException($"No subsidy standard for {training.OccupationCode} {training.Level} in {county}.");
                ref var plan = ref plans[i];
                plan.IssuedAtUtcTicks = ticks[i];
                plan.IssuedOn = day;
                plan.ExpiresOn = day.AddDays(rules.ValidityDays - 1);
                plan.Person = person;
                plan.County = county;
                plan.Training = training;
                plan.FaceValue = standard.FaceValue;
                plan.Slot = slot;
                Live(ref plan, rules);
                plan.PreviousOfPerson = lastOfPerson[person];
                lastOfPerson[person] = i;
                accepted = true;
            }

            if (!accepted)
            {
                throw new Platform.Bench.BenchFailureException($"Could not place voucher {i} on {day:yyyy-MM-dd} after 500 draws: too few people for the vouchers (--people).");
            }

            if ((i + 1) % 200_000 == 0)
            {
                progress($"planned {i + 1:N0} of {count:N0}");
            }
        }

        Summary = Summarise(plans, lastOfPerson, redraws);
        return plans;
    }

    public PlanSummary? Summary { get; private set; }

    /// <summary>The issuing rules against the holder's earlier vouchers, on the day of issue.</summary>
    private static bool MayIssue(PlannedVoucher[] plans, int last, Training training, DateOnly day, int quota, out int slot)
    {
        slot = 0;
        var counting = 0;
        var taken = 0;
        for (var j = last; j >= 0; j = plans[j].PreviousOfPerson)
        {
            ref readonly var held = ref plans[j];
            if (held.IssuedOn.Year == day.Year && held.StopsCountingOn > day)
            {
                counting++;
                taken |= 1 << held.Slot;
            }

            if (held.Training.Index == training.Index && held.OpenUntil > day)
            {
                return false;
            }

            if (held.Passed == true && held.CompletedOn < day && held.Training.OccupationCode == training.OccupationCode
                && SkillLevels.IsSameOrHigher(held.Training.Level, training.Level))
            {
                return false;
            }
        }

        if (counting >= quota)
        {
            return false;
        }

        for (slot = 1; (taken & (1 << slot)) != 0; slot++)
        {
        }

        return true;
    }

    /// <summary>Decides the voucher's fate and lets every step on or before the last day happen.</summary>
    private void Live(ref PlannedVoucher plan, ProgramRules rules)
    {
        var day = plan.IssuedOn;
        plan.Institution = -1;
        plan.EnrolledOn = plan.CourseStartsOn = plan.CourseEndsOn = plan.CompletedOn = DateOnly.MinValue;
        plan.ClaimedOn = plan.ApprovedOn = plan.PaidOn = plan.ClosedOn = DateOnly.MinValue;
        plan.StopsCountingOn = plan.OpenUntil = DateOnly.MaxValue;
        plan.Passed = null;
        plan.Status = VoucherStatus.Issued;

        var roll = random.NextDouble();
        var fate = roll < 0.03 ? Fate.Cancel : roll < 0.12 ? Fate.Unused : Fate.Train;
        var enrolOn = day.AddDays(Math.Min(1 + (int)(-12 * Math.Log(1 - random.NextDouble())), rules.ValidityDays - 1));
        if (fate == Fate.Train)
        {
            plan.Institution = catalogue.PickInstitution(plan.Training, plan.County, regions.CityOf(plan.County).Code, enrolOn, random);
            if (plan.Institution < 0)
            {
                fate = random.NextDouble() < 0.7 ? Fate.Unused : Fate.Cancel;
            }
        }

        switch (fate)
        {
            case Fate.Cancel:
                var cancelOn = day.AddDays(random.Next(1, 61));
                if (cancelOn <= lastDay)
                {
                    Close(ref plan, VoucherStatus.Cancelled, cancelOn);
                }

                break;
            case Fate.Unused:
                ExpireIfDue(ref plan);
                break;
            default:
                Train(ref plan, enrolOn);
                break;
        }
    }

    private void Train(ref PlannedVoucher plan, DateOnly enrolOn)
    {
        if (enrolOn > lastDay)
        {
            plan.Institution = -1;
            ExpireIfDue(ref plan);
            return;
        }

        plan.Status = VoucherStatus.Enrolled;
        plan.EnrolledOn = enrolOn;
        plan.CourseStartsOn = enrolOn.AddDays(random.Next(0, 15));
        var length = random.Next(10, 61);
        plan.CourseEndsOn = plan.CourseStartsOn.AddDays(length);
        plan.ScheduledHours = Math.Clamp((int)Math.Round(length * (2.5 + (2 * random.NextDouble())) / 8) * 8, 24, 480);
        var scheduledMinutes = plan.ScheduledHours * 60;
        var assessedOn = plan.CourseEndsOn.AddDays(random.Next(0, 11));

        if (random.NextDouble() < 0.004)
        {
            var revokeOn = plan.CourseStartsOn.AddDays(random.Next(1, length + 1));
            if (revokeOn <= lastDay)
            {
                plan.AttendedMinutes = (int)(scheduledMinutes * Elapsed(plan, revokeOn) * (0.5 + (0.5 * random.NextDouble())));
                Close(ref plan, VoucherStatus.Revoked, revokeOn);
                return;
            }
        }

        if (assessedOn > lastDay)
        {
            plan.AttendedMinutes = (int)(scheduledMinutes * Elapsed(plan, lastDay) * (0.85 + (0.15 * random.NextDouble())));
            return;
        }

        // Completion needs 80 % attendance (the sample rules' threshold).
        plan.AttendedMinutes = Math.Max((int)Math.Ceiling(scheduledMinutes * 0.8), (int)(scheduledMinutes * (0.82 + (0.18 * random.NextDouble()))));
        plan.Status = VoucherStatus.Completed;
        plan.CompletedOn = assessedOn;
        plan.OpenUntil = assessedOn;
        plan.Passed = random.NextDouble() < 0.88;
        if (plan.Passed != true)
        {
            // The sample rules pay nothing for a failed assessment: nothing to claim, it stays completed.
            return;
        }

        var claimOn = assessedOn.AddDays(random.Next(1, 22));
        if (claimOn > lastDay)
        {
            return;
        }

        plan.Status = VoucherStatus.SettlementClaimed;
        plan.ClaimedOn = claimOn;
        var approveOn = claimOn.AddDays(random.Next(2, 22));
        if (approveOn > lastDay)
        {
            return;
        }

        plan.Status = VoucherStatus.SettlementApproved;
        plan.ApprovedOn = approveOn;
        var paidOn = PaymentDay(approveOn.AddDays(3));
        if (paidOn > lastDay)
        {
            return;
        }

        plan.Status = VoucherStatus.Paid;
        plan.PaidOn = paidOn;
    }

    /// <summary>Unused: the expiry job closes it the day after its last valid day, once that day has come.</summary>
    private void ExpireIfDue(ref PlannedVoucher plan)
    {
        if (plan.ExpiresOn < chinaToday)
        {
            Close(ref plan, VoucherStatus.Expired, plan.ExpiresOn.AddDays(1));
        }
    }

    private static void Close(ref PlannedVoucher plan, VoucherStatus status, DateOnly on)
    {
        plan.Status = status;
        plan.ClosedOn = on;
        plan.StopsCountingOn = on;
        if (plan.OpenUntil > on)
        {
            plan.OpenUntil = on;
        }
    }

    private static double Elapsed(in PlannedVoucher plan, DateOnly until)
    {
        var total = plan.CourseEndsOn.DayNumber - plan.CourseStartsOn.DayNumber + 1;
        var done = until.DayNumber - plan.CourseStartsOn.DayNumber + 1;
        return Math.Clamp((double)done / total, 0, 1);
    }

    /// <summary>Payment batches are paid on the 25th of each month.</summary>
    private static DateOnly PaymentDay(DateOnly earliest) =>
        earliest.Day <= 25 ? new DateOnly(earliest.Year, earliest.Month, 25) : new DateOnly(earliest.Year, earliest.Month, 25).AddMonths(1);

    /// <summary>Issue instants in time order: more each year, few at weekends, a quiet Spring Festival month, office hours in China.</summary>
    private long[] IssueInstants(int count)
    {
        var days = new List<DateOnly>();
        var cumulative = new List<double>();
        var sum = 0.0;
        for (var day = FirstDay; day <= lastDay; day = day.AddDays(1))
        {
            var weight = 1.0 + (0.22 * (day.Year - FirstDay.Year)) + (0.22 * day.DayOfYear / 366.0);
            weight *= day.DayOfWeek switch { DayOfWeek.Saturday => 0.25, DayOfWeek.Sunday => 0.1, _ => 1.0 };
            weight *= day.Month switch { 2 => 0.6, 3 => 1.2, 7 or 8 => 0.9, 10 when day.Day <= 7 => 0.3, _ => 1.0 };
            sum += weight;
            days.Add(day);
            cumulative.Add(sum);
        }

        var table = cumulative.ToArray();
        var ticks = new long[count];
        for (var i = 0; i < count; i++)
        {
            var index = Array.BinarySearch(table, random.NextDouble() * sum);
            var day = days[Math.Min(index < 0 ? ~index : index, days.Count - 1)];

            // 08:30–12:00 and 14:00–17:30, China time.
            var second = random.Next(7 * 3600);
            var clock = second < 3.5 * 3600 ? TimeSpan.FromHours(8.5) + TimeSpan.FromSeconds(second) : TimeSpan.FromHours(14) + TimeSpan.FromSeconds(second - (3.5 * 3600));
            clock += TimeSpan.FromMilliseconds(random.Next(1000));
            ticks[i] = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue) + clock, China).UtcTicks;
        }

        Array.Sort(ticks);
        return ticks;
    }

    private PlanSummary Summarise(PlannedVoucher[] plans, int[] lastOfPerson, int redraws)
    {
        var byStatus = Enum.GetValues<VoucherStatus>().ToDictionary(s => s, _ => 0);
        var byCity = regions.Cities.ToDictionary(c => c.Name, _ => 0, StringComparer.Ordinal);
        int passed = 0, failed = 0, migrants = 0;
        foreach (ref readonly var plan in plans.AsSpan())
        {
            byStatus[plan.Status]++;
            byCity[regions.CityOf(plan.County).Name]++;
            passed += plan.Passed == true ? 1 : 0;
            failed += plan.Passed == false ? 1 : 0;
            migrants += (people.Groups[plan.Person] & TraineeGroups.MigrantWorkers) != 0 ? 1 : 0;
        }

        return new PlanSummary(
            plans.Length, people.Count, lastOfPerson.Count(l => l >= 0), byStatus, passed, failed, migrants, byCity, redraws, FirstDay, lastDay, chinaToday);
    }

    private enum Fate
    {
        Train,
        Unused,
        Cancel,
    }
}
