using Platform.Modules.VeteranEmployment.Domain;

namespace Platform.UnitTests.VeteranEmployment;

/// <summary>Reading the append-only employment ledger: the status on a day and the spells of statuses.</summary>
public sealed class LedgerTests
{
    private static readonly DateTimeOffset Recorded = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_is_in_force_before_the_first_entry()
    {
        var entries = new[] { Entry(2024, 3, 1, EmploymentStatus.SeekingWork, 0) };

        Assert.Null(Ledger.InForceOn(entries, new DateOnly(2024, 2, 29)));
        Assert.Null(Ledger.InForceOn([], new DateOnly(2024, 2, 29)));
    }

    [Fact]
    public void An_entry_is_in_force_from_its_effective_day_and_after()
    {
        var seeking = Entry(2024, 3, 1, EmploymentStatus.SeekingWork, 0);
        var employed = Entry(2024, 6, 15, EmploymentStatus.Employed, 1);
        var entries = new[] { employed, seeking };

        Assert.Same(seeking, Ledger.InForceOn(entries, new DateOnly(2024, 3, 1)));
        Assert.Same(seeking, Ledger.InForceOn(entries, new DateOnly(2024, 6, 14)));
        Assert.Same(employed, Ledger.InForceOn(entries, new DateOnly(2024, 6, 15)));
        Assert.Same(employed, Ledger.InForceOn(entries, new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void Of_two_entries_for_the_same_day_the_later_recorded_wins()
    {
        var first = Entry(2024, 3, 1, EmploymentStatus.SeekingWork, 5);
        var correction = Entry(2024, 3, 1, EmploymentStatus.Employed, 9);

        Assert.Same(correction, Ledger.InForceOn([correction, first], new DateOnly(2024, 3, 1)));
        Assert.Same(correction, Ledger.InForceOn([first, correction], new DateOnly(2024, 4, 1)));
    }

    [Fact]
    public void A_later_recorded_entry_for_an_earlier_day_does_not_override_a_later_day()
    {
        var seeking = Entry(2024, 1, 1, EmploymentStatus.SeekingWork, 0);
        var employed = Entry(2024, 6, 1, EmploymentStatus.Employed, 1);
        var backDated = Entry(2024, 3, 1, EmploymentStatus.InTraining, 10);
        var entries = new[] { seeking, employed, backDated };

        Assert.Same(seeking, Ledger.InForceOn(entries, new DateOnly(2024, 2, 29)));
        Assert.Same(backDated, Ledger.InForceOn(entries, new DateOnly(2024, 3, 1)));
        Assert.Same(backDated, Ledger.InForceOn(entries, new DateOnly(2024, 5, 31)));
        Assert.Same(employed, Ledger.InForceOn(entries, new DateOnly(2024, 6, 1)));
    }

    [Fact]
    public void A_back_dated_correction_of_a_day_wins_from_that_day_only()
    {
        var seeking = Entry(2024, 1, 1, EmploymentStatus.SeekingWork, 0);
        var employed = Entry(2024, 3, 1, EmploymentStatus.Employed, 1);
        var correction = Entry(2024, 3, 1, EmploymentStatus.SelfEmployed, 20, corrects: employed.Id);
        var entries = new[] { seeking, employed, correction };

        Assert.Same(seeking, Ledger.InForceOn(entries, new DateOnly(2024, 2, 29)));
        Assert.Same(correction, Ledger.InForceOn(entries, new DateOnly(2024, 3, 1)));
        Assert.Same(correction, Ledger.InForceOn(entries, new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void The_same_instant_is_broken_by_the_larger_id()
    {
        var a = Entry(2024, 3, 1, EmploymentStatus.SeekingWork, 0);
        var b = Entry(2024, 3, 1, EmploymentStatus.Employed, 0);
        var later = a.Id.CompareTo(b.Id) > 0 ? a : b;

        Assert.Same(later, Ledger.InForceOn([a, b], new DateOnly(2024, 3, 1)));
        Assert.Same(later, Ledger.InForceOn([b, a], new DateOnly(2024, 3, 1)));
    }

    [Fact]
    public void An_empty_ledger_has_no_spells()
    {
        Assert.Empty(Ledger.Spells([]));
    }

    [Fact]
    public void A_single_entry_is_one_open_spell()
    {
        var entry = Entry(2024, 3, 1, EmploymentStatus.Employed, 0);

        var spell = Assert.Single(Ledger.Spells([entry]));

        Assert.Same(entry, spell.Entry);
        Assert.Equal(new DateOnly(2024, 3, 1), spell.From);
        Assert.Null(spell.To);
    }

    [Fact]
    public void Spells_run_from_each_effective_day_to_the_day_before_the_next_and_the_last_is_open()
    {
        var seeking = Entry(2023, 12, 1, EmploymentStatus.SeekingWork, 0);
        var employed = Entry(2024, 3, 1, EmploymentStatus.Employed, 1);
        var self = Entry(2025, 1, 1, EmploymentStatus.SelfEmployed, 2);

        var spells = Ledger.Spells([self, seeking, employed]);

        Assert.Equal(3, spells.Count);
        Assert.Equal((seeking, new DateOnly(2023, 12, 1), (DateOnly?)new DateOnly(2024, 2, 29)), (spells[0].Entry, spells[0].From, spells[0].To));
        Assert.Equal((employed, new DateOnly(2024, 3, 1), (DateOnly?)new DateOnly(2024, 12, 31)), (spells[1].Entry, spells[1].From, spells[1].To));
        Assert.Equal((self, new DateOnly(2025, 1, 1), (DateOnly?)null), (spells[2].Entry, spells[2].From, spells[2].To));
    }

    [Fact]
    public void One_spell_per_effective_day_from_the_latest_recorded_entry_of_that_day()
    {
        var employed = Entry(2024, 3, 1, EmploymentStatus.Employed, 1);
        var correction = Entry(2024, 3, 1, EmploymentStatus.InTraining, 30);
        var older = Entry(2024, 3, 1, EmploymentStatus.SeekingWork, 0);
        var next = Entry(2024, 3, 2, EmploymentStatus.SeekingWork, 2);

        var spells = Ledger.Spells([employed, next, correction, older]);

        Assert.Equal(2, spells.Count);
        Assert.Same(correction, spells[0].Entry);
        Assert.Equal((new DateOnly(2024, 3, 1), (DateOnly?)new DateOnly(2024, 3, 1)), (spells[0].From, spells[0].To));
        Assert.Same(next, spells[1].Entry);
        Assert.Equal((new DateOnly(2024, 3, 2), (DateOnly?)null), (spells[1].From, spells[1].To));
    }

    [Fact]
    public void A_back_dated_entry_splits_the_spell_it_falls_in()
    {
        var seeking = Entry(2024, 1, 1, EmploymentStatus.SeekingWork, 0);
        var employed = Entry(2024, 6, 1, EmploymentStatus.Employed, 1);
        var backDated = Entry(2024, 3, 1, EmploymentStatus.InTraining, 10);

        var spells = Ledger.Spells([seeking, employed, backDated]);

        Assert.Equal(
            [
                (EmploymentStatus.SeekingWork, new DateOnly(2024, 1, 1), (DateOnly?)new DateOnly(2024, 2, 29)),
                (EmploymentStatus.InTraining, new DateOnly(2024, 3, 1), new DateOnly(2024, 5, 31)),
                (EmploymentStatus.Employed, new DateOnly(2024, 6, 1), null),
            ],
            spells.Select(s => (s.Entry.Status, s.From, s.To)));
    }

    [Fact]
    public void The_spells_agree_with_the_status_in_force_on_every_day()
    {
        var entries = new[]
        {
            Entry(2024, 1, 10, EmploymentStatus.SeekingWork, 0),
            Entry(2024, 2, 29, EmploymentStatus.Employed, 1),
            Entry(2024, 2, 29, EmploymentStatus.SelfEmployed, 2),
            Entry(2024, 3, 31, EmploymentStatus.InEducation, 3),
            Entry(2024, 1, 20, EmploymentStatus.InTraining, 4),
        };
        var spells = Ledger.Spells(entries);

        for (var day = new DateOnly(2024, 1, 1); day <= new DateOnly(2024, 5, 1); day = day.AddDays(1))
        {
            var inForce = Ledger.InForceOn(entries, day);
            var spell = spells.Where(s => s.From <= day && (s.To is null || s.To >= day)).ToArray();
            if (inForce is null)
            {
                Assert.Empty(spell);
            }
            else
            {
                Assert.Same(inForce, Assert.Single(spell).Entry);
            }
        }
    }

    private static LedgerEntry Entry(int year, int month, int day, EmploymentStatus status, int recordedMinutes, Guid? corrects = null) => new()
    {
        Id = Guid.NewGuid(),
        VeteranId = Guid.Empty,
        EffectiveOn = new DateOnly(year, month, day),
        Status = status,
        RecordedAt = Recorded.AddMinutes(recordedMinutes),
        CorrectsEntryId = corrects,
    };
}
