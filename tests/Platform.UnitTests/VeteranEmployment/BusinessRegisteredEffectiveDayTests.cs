using Platform.Modules.VeteranEmployment.Features.Integration;

namespace Platform.UnitTests.VeteranEmployment;

/// <summary>
/// The day a veteran who founded a business is self-employed from: the registration day, moved to the
/// discharge when the business is older, and never after today (the ledger refuses both).
/// </summary>
public sealed class BusinessRegisteredEffectiveDayTests
{
    private static readonly DateOnly Discharged = new(2022, 9, 1);
    private static readonly DateOnly Today = new(2025, 3, 15);

    [Fact]
    public void A_business_registered_after_the_discharge_counts_from_its_registration_day()
    {
        Assert.Equal(new DateOnly(2024, 5, 20), BusinessRegisteredHandler.EffectiveDay(new DateOnly(2024, 5, 20), Discharged, Today));
    }

    [Fact]
    public void A_business_registered_on_the_discharge_day_or_today_counts_from_that_day()
    {
        Assert.Equal(Discharged, BusinessRegisteredHandler.EffectiveDay(Discharged, Discharged, Today));
        Assert.Equal(Today, BusinessRegisteredHandler.EffectiveDay(Today, Discharged, Today));
    }

    [Fact]
    public void A_business_registered_before_the_discharge_counts_from_the_discharge_day()
    {
        Assert.Equal(Discharged, BusinessRegisteredHandler.EffectiveDay(new DateOnly(2019, 1, 1), Discharged, Today));
    }

    [Fact]
    public void A_registration_day_after_today_counts_from_today()
    {
        Assert.Equal(Today, BusinessRegisteredHandler.EffectiveDay(Today.AddDays(1), Discharged, Today));
    }
}
