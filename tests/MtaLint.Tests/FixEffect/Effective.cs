namespace MtaLint.Tests.FixEffect;

/// <summary>One setting as the real MTA reports it: where it applies (main, a service, a router...) and its name.</summary>
public readonly record struct SettingKey(string Scope, string Name)
{
    public override string ToString() => Scope.Length == 0 ? Name : $"{Scope}: {Name}";
}

/// <summary>
/// What the real MTA reads from a unit, in its own words: every setting as it prints it (postconf -n/-P/-M,
/// exim -bP for main options, routers, transports and authenticators and its replies in an -bh session,
/// the options and rules of the m4-built sendmail.cf), and the effective values the weakening checks
/// judge; or, when it refuses the unit, why.
/// </summary>
/// <param name="Settings">Compared before and after a fix: a change must be one the applied findings name.</param>
/// <param name="Facts">Effective values (defaults and expansions included) the weakening checks read.</param>
/// <param name="Refusal">The MTA's own error when it refuses to read the unit; null when it accepts it.</param>
public sealed record Effective(IReadOnlyDictionary<SettingKey, string> Settings, IReadOnlyDictionary<string, string> Facts, string? Refusal)
{
    public static Effective Refused(string why) => new(new Dictionary<SettingKey, string>(), new Dictionary<string, string>(), why);

    public string Fact(string name) => Facts.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>Keys whose value differs (added, removed or changed), in a stable order.</summary>
    public static IReadOnlyList<SettingKey> Changed(Effective before, Effective after) =>
        before.Settings.Keys.Union(after.Settings.Keys)
            .Where(k => !before.Settings.TryGetValue(k, out var b) || !after.Settings.TryGetValue(k, out var a) || a != b)
            .OrderBy(k => k.Scope, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal)
            .ToArray();

    public string Describe(SettingKey key) => Settings.TryGetValue(key, out var value) ? $"[{value}]" : "(absent)";
}

/// <summary>A real MTA as the fix-effect test asks it: read a unit, say which settings a change is about, judge weakening.</summary>
public interface IEffectOracle
{
    string Dialect { get; }

    /// <summary>Reads the unit from <paramref name="copy"/>, a folder holding a copy of its root at the same repository-relative place (its paths resolve below it).</summary>
    Effective Read(FixEffectUnit unit, string copy);

    /// <summary>The setting names a change of <paramref name="key"/> is about, as a finding would name them.</summary>
    IReadOnlyCollection<string> Governing(SettingKey key);

    /// <summary>Each way <paramref name="after"/> is weaker than <paramref name="before"/>: TLS, relaying, VRFY/EXPN, AUTH in plaintext.</summary>
    IEnumerable<string> Weakenings(Effective before, Effective after);
}
