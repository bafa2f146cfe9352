using Platform.BuildingBlocks.Messaging;

namespace Platform.IntegrationTests.Messaging;

/// <summary>The retry schedule: the base delay, doubling per attempt, capped.</summary>
public sealed class OutboxOptionsTests
{
    private static readonly OutboxOptions Options = new()
    {
        BaseRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromSeconds(1),
    };

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    [InlineData(5, 1000)]
    [InlineData(6, 1000)]
    [InlineData(1000, 1000)]
    [InlineData(int.MaxValue, 1000)]
    public void RetryDelay_starts_at_the_base_doubles_per_attempt_and_caps_at_the_maximum(int attempts, int expectedMilliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), Options.RetryDelay(attempts));

    [Fact]
    public void RetryDelay_before_any_attempt_is_the_base_delay() =>
        Assert.Equal(TimeSpan.FromMilliseconds(100), Options.RetryDelay(0));

    [Fact]
    public void RetryDelay_defaults_to_two_seconds_doubling_up_to_ten_minutes()
    {
        var defaults = new OutboxOptions();

        Assert.Equal(TimeSpan.FromSeconds(2), defaults.RetryDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(4), defaults.RetryDelay(2));
        Assert.Equal(TimeSpan.FromMinutes(10), defaults.RetryDelay(50));
    }
}
