namespace MtaLint.Rules.Banners;

/// <summary>
/// An organisation's banner standard (<c>banner:</c> in <c>.mtalint.yaml</c>), given to
/// <see cref="Mta110BannerPolicy"/> as its options: the rule never reads the YAML itself.
/// </summary>
/// <param name="Template">
/// The greeting every listener must send after <c>220 </c>, with <c>$myhostname</c> (or <c>$hostname</c>)
/// standing for the server's host name, e.g. <c>$myhostname ESMTP</c>; null for no template.
/// </param>
/// <param name="Forbid">Words that must not appear in the greeting (case-insensitive, whole words; the host name is not searched).</param>
/// <param name="Require">Words that must appear in the greeting.</param>
public sealed record BannerPolicyOptions(string? Template, IReadOnlyList<string> Forbid, IReadOnlyList<string> Require)
{
    /// <summary>No policy: the rule reports nothing.</summary>
    public static BannerPolicyOptions None { get; } = new(null, [], []);

    public bool IsEmpty => Template is null && Forbid.Count == 0 && Require.Count == 0;

    /// <summary>How the host name may be written in a template.</summary>
    public static IReadOnlyList<string> HostnamePlaceholders { get; } =
        ["${myhostname}", "$(myhostname)", "$myhostname", "${hostname}", "$(hostname)", "$hostname"];
}
