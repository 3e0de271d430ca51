using MtaLint.Tests.Postfix;

namespace MtaLint.Tests.FixEffect;

/// <summary>
/// Postfix as postconf reads a unit (its main.cf, its master.cf or Debian's stock one):
/// <c>postconf -n</c> (main.cf), <c>-P</c> (master.cf <c>-o</c> overrides) and <c>-M</c> (service
/// lines without their overrides) are the settings; <c>-x</c> and <c>-P -x</c> (defaults and
/// <c>$name</c> expansions included) are what the weakening checks judge, service by service.
/// </summary>
public sealed class PostfixEffect : IEffectOracle
{
    /// <summary>The effective values the weakening checks read, per service.</summary>
    private static readonly string[] FactNames =
    [
        "smtpd_tls_security_level", "smtpd_use_tls", "smtpd_enforce_tls", "smtpd_tls_auth_only", "smtpd_tls_wrappermode",
        "smtpd_sasl_auth_enable", "disable_vrfy_command", "smtpd_relay_restrictions", "smtpd_recipient_restrictions",
        "mynetworks", "mynetworks_style", "relay_domains", "permit_mx_backup_networks",
        "smtp_tls_security_level", "smtp_use_tls", "smtp_enforce_tls", "smtp_tls_enforce_peername",
        "lmtp_tls_security_level", "lmtp_use_tls", "lmtp_enforce_tls", "lmtp_tls_enforce_peername",
    ];

    /// <summary>Main.cf settings that decide who may relay: any change widens or narrows it, and no fix may make one silently.</summary>
    private static readonly string[] RelayScope = ["mynetworks", "mynetworks_style", "relay_domains", "permit_mx_backup_networks"];

    public string Dialect => "postfix";

    public Effective Read(FixEffectUnit unit, string copy)
    {
        var dir = Postconf.Stage(unit.Paths.Select(p => Path.Combine(copy, p)).ToList());
        try
        {
            // $config_directory expands to the staging folder, which differs between two readings.
            Infrastructure.Oracle.Result Run(params string[] args)
            {
                var r = Postconf.Run(args);
                return r with { Stdout = r.Stdout.Replace(dir, "DIR", StringComparison.Ordinal), Stderr = r.Stderr.Replace(dir, "DIR", StringComparison.Ordinal) };
            }

            var n = Run("-c", dir, "-n");
            var p = Run("-c", dir, "-P");
            var m = Run("-c", dir, "-M");
            var x = Run(["-c", dir, "-x", .. FactNames]);
            var px = Run("-c", dir, "-P", "-x");
            var failed = new[] { n, p, m, x, px }.FirstOrDefault(r => r.ExitCode != 0);
            if (failed is not null)
            {
                return Effective.Refused(failed.Stderr.Trim());
            }

            var settings = new Dictionary<SettingKey, string>();
            foreach (var (name, value) in Postconf.Parse(n.Stdout).Where(kv => kv.Key != "config_directory"))
            {
                settings[new SettingKey("main.cf", name)] = value;
            }

            foreach (var (name, value) in Postconf.Parse(p.Stdout))
            {
                var slash = name.LastIndexOf('/');
                settings[new SettingKey("master.cf " + name[..slash], name[(slash + 1)..])] = value;
            }

            var facts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in m.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = WithoutOverrides(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                var service = fields[0] + "/" + fields[1];
                settings[new SettingKey("master.cf service", service)] = string.Join(' ', fields);
                facts["command:" + service] = fields.Length > 7 ? fields[7] : string.Empty;
            }

            foreach (var (name, value) in Postconf.Parse(x.Stdout))
            {
                facts["x:" + name] = value;
            }

            foreach (var (name, value) in Postconf.Parse(px.Stdout))
            {
                facts["px:" + name] = value;
            }

            return new Effective(settings, facts, null);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A master.cf entry as <c>postconf -M</c> prints it, without its <c>-o</c> overrides (those are compared through <c>-P</c>).</summary>
    private static string[] WithoutOverrides(string[] fields)
    {
        var kept = new List<string>(fields.Length);
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] != "-o" || i + 1 >= fields.Length)
            {
                kept.Add(fields[i]);
                continue;
            }

            i++;
            if (fields[i] == "{" || fields[i].StartsWith('{'))
            {
                while (i < fields.Length && !fields[i].EndsWith('}'))
                {
                    i++;
                }
            }
        }

        return kept.ToArray();
    }

    public IReadOnlyCollection<string> Governing(SettingKey key) =>
        key.Scope == "master.cf service" ? [] : [key.Name];

    public IEnumerable<string> Weakenings(Effective before, Effective after)
    {
        foreach (var name in RelayScope.Where(n => before.Fact("x:" + n) != after.Fact("x:" + n)))
        {
            yield return $"{name} changed from [{before.Fact("x:" + name)}] to [{after.Fact("x:" + name)}]: who may relay changed";
        }

        foreach (var service in Services(before).Intersect(Services(after)))
        {
            string B(string name) => Value(before, service, name);
            string A(string name) => Value(after, service, name);
            var command = before.Fact("command:" + service);
            if (command == "smtpd")
            {
                var (was, now) = (ServerLevel(B), ServerLevel(A));
                if (ServerRank(now) < ServerRank(was) || ServerRank(now) < 0 && now != was)
                {
                    yield return $"{service}: inbound TLS level {was} became {now}";
                }

                foreach (var (name, meaning) in new[] { ("disable_vrfy_command", "VRFY is answered"), ("smtpd_tls_auth_only", "AUTH is offered before STARTTLS"), ("smtpd_tls_wrappermode", "the implicit-TLS port no longer starts TLS") })
                {
                    if (IsYes(B(name)) && !IsYes(A(name)))
                    {
                        yield return $"{service}: {name} yes became no: {meaning}";
                    }
                }

                foreach (var relay in RelayWeakenings(Restrictions(B), Restrictions(A)))
                {
                    yield return $"{service}: {relay}";
                }
            }
            else if (command is "smtp" or "lmtp")
            {
                var (was, now) = (ClientLevel(B, command), ClientLevel(A, command));
                if (!AtLeastAsStrong(was, now))
                {
                    yield return $"{service}: outbound TLS level {was} became {now}";
                }
            }
        }
    }

    /// <summary>Each service's effective TLS level as its program reads it: inbound for smtpd, outbound for smtp and lmtp.</summary>
    public static IReadOnlyDictionary<string, string> TlsLevels(Effective e)
    {
        var levels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in Services(e))
        {
            string V(string name) => Value(e, service, name);
            var command = e.Fact("command:" + service);
            if (command == "smtpd")
            {
                levels[service] = ServerLevel(V);
            }
            else if (command is "smtp" or "lmtp")
            {
                levels[service] = ClientLevel(V, command);
            }
        }

        return levels;
    }

    private static IEnumerable<string> Services(Effective e) =>
        e.Facts.Keys.Where(k => k.StartsWith("command:", StringComparison.Ordinal)).Select(k => k["command:".Length..]);

    /// <summary>A service's effective value: its master.cf override, else main.cf's (or the default), expanded.</summary>
    private static string Value(Effective e, string service, string name) =>
        e.Facts.TryGetValue($"px:{service}/{name}", out var over) ? over : e.Fact("x:" + name);

    private static bool IsYes(string value) => value.Trim().ToLowerInvariant() is "yes" or "true";

    /// <summary>smtpd's level: <c>smtpd_tls_security_level</c>, or when it is empty the legacy <c>smtpd_enforce_tls</c>/<c>smtpd_use_tls</c>.</summary>
    private static string ServerLevel(Func<string, string> value)
    {
        var level = value("smtpd_tls_security_level").Trim();
        return level.Length > 0 ? level : IsYes(value("smtpd_enforce_tls")) ? "encrypt" : IsYes(value("smtpd_use_tls")) ? "may" : "none";
    }

    /// <summary>smtpd knows none &lt; may &lt; encrypt; anything else (a typo smtpd rejects) ranks below all.</summary>
    private static int ServerRank(string level) => level switch { "none" => 0, "may" => 1, "encrypt" => 2, _ => -1 };

    /// <summary>The client's level (<c>smtp_</c> or <c>lmtp_</c>), with the legacy fallback when it is empty (<c>*_tls_enforce_peername</c> defaults to yes).</summary>
    private static string ClientLevel(Func<string, string> value, string command)
    {
        var level = value(command + "_tls_security_level").Trim();
        if (level.Length > 0)
        {
            return level;
        }

        return IsYes(value(command + "_enforce_tls")) ? IsYes(value(command + "_tls_enforce_peername")) ? "verify" : "encrypt"
            : IsYes(value(command + "_use_tls")) ? "may" : "none";
    }

    /// <summary>
    /// Client levels are partly ordered: none &lt; may &lt; everything else; encrypt &lt; dane-only, fingerprint,
    /// verify, secure; dane &lt; dane-only; verify &lt; secure. <c>dane</c> falls back to <c>may</c> without
    /// usable TLSA records, so it is not stronger than <c>encrypt</c>, nor <c>encrypt</c> than it.
    /// </summary>
    private static bool AtLeastAsStrong(string was, string now) => was == now || was switch
    {
        "none" => true,
        "may" => now != "none",
        "encrypt" => now is "dane-only" or "fingerprint" or "verify" or "secure",
        "dane" => now is "dane-only",
        "verify" => now is "secure",
        _ => false,
    };

    private static string[] Restrictions(Func<string, string> value) =>
        (value("smtpd_relay_restrictions") + "," + value("smtpd_recipient_restrictions"))
            .Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);

    private static bool IsRelayGuard(string item) => item is "reject_unauth_destination" or "defer_unauth_destination" or "reject" or "defer";

    /// <summary>
    /// Relaying is restricted by the first <c>reject_unauth_destination</c>/<c>defer_unauth_destination</c>
    /// (or a bare <c>reject</c>/<c>defer</c>) in smtpd_relay_restrictions then smtpd_recipient_restrictions;
    /// it is weaker when that guard is gone, or when a permit or a lookup table (<c>check_*</c>, which may
    /// answer OK) now stands before it that did not.
    /// </summary>
    private static IEnumerable<string> RelayWeakenings(string[] before, string[] after)
    {
        var guardBefore = Array.FindIndex(before, IsRelayGuard);
        var guardAfter = Array.FindIndex(after, IsRelayGuard);
        if (guardBefore < 0)
        {
            yield break;
        }

        if (guardAfter < 0)
        {
            yield return $"relay restrictions lost {before[guardBefore]}: [{string.Join(", ", before)}] became [{string.Join(", ", after)}]";
            yield break;
        }

        static bool Permissive(string item) => item.StartsWith("permit", StringComparison.Ordinal) || item.StartsWith("check_", StringComparison.Ordinal);
        var added = after[..guardAfter].Where(Permissive).Except(before[..guardBefore].Where(Permissive)).ToArray();
        if (added.Length > 0)
        {
            yield return $"relay restrictions now accept through {string.Join(", ", added)} before {after[guardAfter]}";
        }
    }
}
