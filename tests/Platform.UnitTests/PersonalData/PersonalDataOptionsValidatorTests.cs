using Platform.BuildingBlocks.PersonalData;

namespace Platform.UnitTests.PersonalData;

public sealed class PersonalDataOptionsValidatorTests
{
    private static readonly PersonalDataOptionsValidator Validator = new();

    [Fact]
    public void A_complete_configuration_is_valid()
    {
        var options = TestKeys.Config("key_2025-01", new Dictionary<string, string> { ["key_2025-01"] = TestKeys.NewKey(), ["old"] = TestKeys.NewKey() }, TestKeys.NewKey(64));

        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_missing_active_key_id_is_reported()
    {
        var options = TestKeys.SingleKey();
        options.ActiveKeyId = " ";

        Assert.Contains("PersonalData:ActiveKeyId is required", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void An_active_key_id_that_is_not_configured_is_reported_with_the_configured_ids()
    {
        var options = TestKeys.Config("c", new Dictionary<string, string> { ["b"] = TestKeys.NewKey(), ["a"] = TestKeys.NewKey() }, TestKeys.NewKey());

        Assert.Contains("PersonalData:ActiveKeyId 'c' is not among PersonalData:EncryptionKeys (configured: a, b)", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void No_encryption_keys_are_reported()
    {
        var options = TestKeys.Config("a", new Dictionary<string, string>(), TestKeys.NewKey());

        var failure = Failure(options);

        Assert.Contains("PersonalData:EncryptionKeys must hold at least one key", failure, StringComparison.Ordinal);
        Assert.Contains("(configured: none)", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encryption_key_that_is_not_base64_is_reported_without_its_value()
    {
        var options = TestKeys.Config("a", new Dictionary<string, string> { ["a"] = "not base64 at all!" }, TestKeys.NewKey());

        var failure = Failure(options);

        Assert.Contains("PersonalData:EncryptionKeys:a is missing or not valid base64", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("not base64 at all!", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void An_encryption_key_of_the_wrong_length_is_reported(int bytes)
    {
        var key = TestKeys.NewKey(bytes);
        var options = TestKeys.Config("a", new Dictionary<string, string> { ["a"] = key }, TestKeys.NewKey());

        var failure = Failure(options);

        Assert.Contains($"PersonalData:EncryptionKeys:a must decode to exactly 32 bytes (AES-256) but decodes to {bytes}", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(key, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_blind_index_key_is_reported()
    {
        var options = TestKeys.SingleKey();
        options.BlindIndexKey = null;

        Assert.Contains("PersonalData:BlindIndexKey is required", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_blind_index_key_that_is_not_base64_is_reported()
    {
        var options = TestKeys.SingleKey();
        options.BlindIndexKey = "%%%";

        Assert.Contains("PersonalData:BlindIndexKey is not valid base64", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_blind_index_key_is_reported()
    {
        var options = TestKeys.SingleKey();
        options.BlindIndexKey = TestKeys.NewKey(31);

        Assert.Contains("PersonalData:BlindIndexKey must decode to at least 32 bytes but decodes to 31", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_blind_index_key_equal_to_an_encryption_key_is_reported()
    {
        var shared = TestKeys.NewKey();
        var options = TestKeys.Config("a", new Dictionary<string, string> { ["a"] = TestKeys.NewKey(), ["b"] = shared }, shared);

        var failure = Failure(options);

        Assert.Contains("PersonalData:BlindIndexKey must be a separate key but equals PersonalData:EncryptionKeys:b", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(shared, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has.dot")]
    [InlineData("has space")]
    [InlineData("ключ")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void An_invalid_encryption_key_id_is_reported(string keyId)
    {
        var options = TestKeys.Config("a", new Dictionary<string, string> { ["a"] = TestKeys.NewKey(), [keyId] = TestKeys.NewKey() }, TestKeys.NewKey());

        Assert.Contains($"PersonalData:EncryptionKeys has the key id '{keyId}'; key ids must match ^[A-Za-z0-9_-]{{1,32}}$", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_active_key_id_is_reported()
    {
        var options = TestKeys.SingleKey();
        options.ActiveKeyId = "a.b";

        Assert.Contains("PersonalData:ActiveKeyId 'a.b' is not a valid key id", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_id_of_32_characters_is_accepted()
    {
        var keyId = new string('k', 32);

        Assert.True(Validator.Validate(null, TestKeys.SingleKey(keyId)).Succeeded);
    }

    [Fact]
    public void All_problems_are_reported_together()
    {
        var options = new PersonalDataOptions();

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
    }

    private static string Failure(PersonalDataOptions options)
    {
        var result = Validator.Validate(null, options);
        Assert.True(result.Failed);
        return result.FailureMessage;
    }
}
