using Platform.BuildingBlocks.Identity;

namespace Platform.UnitTests.SkillMasterStudios;

/// <summary>Valid unified social credit codes of organisations registered in a division, for the studio tests.</summary>
internal static class StudioCodes
{
    /// <summary>A valid code of an enterprise registered in <paramref name="division"/>; <paramref name="serial"/> tells two apart.</summary>
    public static string Organisation(string division, int serial = 1)
    {
        var first17 = $"91{division}MA{serial:D7}";
        var code = first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
        return UnifiedSocialCreditCode.TryParse(code, out _) ? code : throw new InvalidOperationException($"Built an invalid credit code {code}.");
    }
}
