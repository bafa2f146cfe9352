using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;

namespace Platform.UnitTests.Localization;

public sealed class DomainExceptionLocalizationTests
{
    private static readonly LocalizedText Refused = new("名额已满。", "The programme is full.");
    private static readonly LocalizedText FieldMessage = new("请选择其他批次。", "Choose another intake.");

    [Fact]
    public void Detail_and_field_messages_are_picked_when_read_and_the_message_is_english()
    {
        var exception = DomainException.Conflict("training.full", Refused);
        var withErrors = new DomainException(422, "training.full", Refused, new Dictionary<string, LocalizedText[]> { ["intake"] = [FieldMessage] });

        Assert.Equal(409, exception.Status);
        Assert.Equal("The programme is full.", exception.Message);
        Assert.Same(Refused, exception.Detail);
        Assert.Null(exception.Errors);
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("请选择其他批次。", Assert.Single(withErrors.Errors!["intake"]));
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Choose another intake.", Assert.Single(withErrors.Errors!["intake"]));
        }
    }

    [Fact]
    public void String_messages_still_work_and_read_the_same_in_both_languages()
    {
        var errors = new Dictionary<string, string[]> { ["name"] = ["taken"] };
        var exception = new DomainException(409, "probe.taken", "Already taken.", errors);

        Assert.Equal("Already taken.", exception.Message);
        Assert.Equal(LocalizedText.Invariant("Already taken."), exception.Detail);
        Assert.Same(errors, exception.Errors);
        Assert.Equal("A business rule refused the request.", new DomainException().Message);
    }
}
