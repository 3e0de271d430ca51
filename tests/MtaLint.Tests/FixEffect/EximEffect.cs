using System.Text;
using System.Text.RegularExpressions;
using MtaLint.Tests.Exim;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.FixEffect;

/// <summary>
/// Exim as it reads a unit: a split <c>conf.d</c> or Debian's template is first built by Debian's own
/// <c>update-exim4.conf</c> (with the repository's <c>update-exim4.conf.conf</c> when it has one), then
/// <c>exim -bP</c> decides acceptance and gives every main option, <c>-bP routers</c>,
/// <c>transports</c> and <c>authenticators</c> every driver option (accumulating options such as
/// <c>headers_remove</c> show all their values joined); an <c>-bh</c> session from a public address
/// (192.0.2.1) shows what a client gets: greeting, EHLO keywords, and the replies to MAIL, RCPT to
/// another domain, VRFY and EXPN, which the ACLs decide.
/// </summary>
public sealed partial class EximEffect : IEffectOracle
{
    private const string UpdateExim4Conf = "usr/sbin/update-exim4.conf";

    /// <summary>The session: a client that is not in any relay list asks for what a spammer asks for.</summary>
    private const string Session = "EHLO client.example\r\nMAIL FROM:<sender@example.org>\r\nRCPT TO:<someone@example.net>\r\nVRFY postmaster\r\nEXPN postmaster\r\nQUIT\r\n";

    private static readonly string[] Commands = ["greeting", "EHLO", "MAIL", "RCPT", "VRFY", "EXPN", "QUIT"];

    /// <summary>The main option behind each part of the session a fix could change.</summary>
    private static readonly Dictionary<string, string[]> SessionGovernors = new(StringComparer.Ordinal)
    {
        ["greeting"] = ["smtp_banner"],
        ["MAIL"] = ["acl_smtp_mail"],
        ["RCPT"] = ["acl_smtp_rcpt"],
        ["VRFY"] = ["acl_smtp_vrfy"],
        ["EXPN"] = ["acl_smtp_expn"],
        ["QUIT"] = ["acl_smtp_quit"],
        ["EHLO STARTTLS"] = ["tls_advertise_hosts"],
        ["EHLO AUTH"] = ["auth_advertise_hosts"],
        ["EHLO PIPELINING"] = ["pipelining_advertise_hosts"],
        ["EHLO PIPECONNECT"] = ["pipelining_connect_advertise_hosts"],
        ["EHLO CHUNKING"] = ["chunking_advertise_hosts"],
        ["EHLO SIZE"] = ["message_size_limit"],
        ["EHLO 8BITMIME"] = ["accept_8bitmime"],
        ["EHLO SMTPUTF8"] = ["smtputf8_advertise_hosts"],
        ["EHLO PRDR"] = ["prdr_enable"],
        ["EHLO DSN"] = ["dsn_advertise_hosts"],
        ["EHLO ETRN"] = ["acl_smtp_etrn"],
        ["EHLO VRFY"] = ["acl_smtp_vrfy"],
        ["EHLO EXPN"] = ["acl_smtp_expn"],
    };

    public string Dialect => "exim";

    public Effective Read(FixEffectUnit unit, string copy)
    {
        var stage = Directory.CreateTempSubdirectory("mtalint-exim-effect-").FullName;
        try
        {
            var (config, refusal) = Build(unit, copy, stage);
            return refusal is not null ? Effective.Refused(refusal) : Query(config!, copy, stage);
        }
        finally
        {
            Directory.Delete(stage, recursive: true);
        }
    }

    /// <summary>The config file Exim runs with: the unit's own file, or what update-exim4.conf builds from a conf.d or the template.</summary>
    private static (string? Config, string? Refusal) Build(FixEffectUnit unit, string copy, string stage)
    {
        string InCopy(string path) => Path.Combine(copy, path);
        var template = unit.Template;
        var confDir = Path.Combine(stage, "exim4");
        var output = Path.Combine(stage, "exim4.conf");
        if (unit.SplitRoot is null && template is null && unit.Paths is [var only] && Path.GetFileName(only) == "update-exim4.conf.conf")
        {
            // Debian's update-exim4.conf.conf with neither a conf.d nor a template beside it: the MTA's reader
            // of that file is update-exim4.conf, given it as it is (its own dc_use_split_config).
            Directory.CreateDirectory(confDir);
            File.WriteAllText(Path.Combine(confDir, "update-exim4.conf.conf"), DebconfAssignments(InCopy(only), keepSplit: true));
            return BuildIn(confDir, output, stage);
        }

        if (unit.SplitRoot is null && template is null)
        {
            return (InCopy(unit.Paths[0]), null);
        }

        // Debian's layout in a fresh folder: update-exim4.conf -d reads DIR/update-exim4.conf.conf and DIR/conf.d
        // or DIR/exim4.conf.template. It reads exim4.conf.localmacros only at /etc/exim4 itself, so a unit's
        // localmacros are put before the template, as update-exim4.conf does on a Debian host.
        Directory.CreateDirectory(confDir);
        var unitDir = Path.GetDirectoryName(InCopy(unit.SplitRoot ?? template!))!;
        if (unit.SplitRoot is not null)
        {
            WritableCopy.Tree(InCopy(unit.SplitRoot), Path.Combine(confDir, "conf.d"));
        }
        else
        {
            var macros = unit.Paths.Where(p => Path.GetFileName(p) == "exim4.conf.localmacros").Select(p => File.ReadAllBytes(InCopy(p)));
            File.WriteAllBytes(Path.Combine(confDir, "exim4.conf.template"), [.. macros.SelectMany(b => b), .. File.ReadAllBytes(InCopy(template!))]);
        }

        var debconf = Path.Combine(unitDir, "update-exim4.conf.conf");
        File.WriteAllText(Path.Combine(confDir, "update-exim4.conf.conf"),
            DebconfAssignments(debconf) + $"dc_use_split_config='{(unit.SplitRoot is not null ? "true" : "false")}'\n");
        return BuildIn(confDir, output, stage);
    }

    /// <summary>Runs the real <c>update-exim4.conf -d CONFDIR -o OUTPUT</c>: the config it builds, or its refusal.</summary>
    private static (string? Config, string? Refusal) BuildIn(string confDir, string output, string stage)
    {
        var built = Oracle.Run(UpdateExim4Conf, ["-d", confDir, "-o", output], timeout: TimeSpan.FromSeconds(120));
        return built.ExitCode != 0 || !File.Exists(output)
            ? (null, "update-exim4.conf: " + (built.Stderr + built.Stdout).Replace(stage, "DIR", StringComparison.Ordinal).Trim())
            : (output, null);
    }

    /// <summary>
    /// The repository's update-exim4.conf.conf as update-exim4.conf would source it, reduced to plain
    /// <c>name='value'</c> assignments (it is a shell file: nothing else of it is run). Without one, the
    /// files are joined as they are (<c>dc_eximconfig_configtype='none'</c>: no macros seeded).
    /// </summary>
    /// <param name="keepSplit">Keep the file's own <c>dc_use_split_config</c> (else the caller says which input the unit is).</param>
    private static string DebconfAssignments(string path, bool keepSplit = false)
    {
        if (!File.Exists(path))
        {
            return "dc_eximconfig_configtype='none'\n";
        }

        var text = new StringBuilder();
        foreach (var line in File.ReadAllLines(path))
        {
            if (Assignment().IsMatch(line) && (keepSplit || !line.StartsWith("dc_use_split_config=", StringComparison.Ordinal)))
            {
                text.Append(line.Trim()).Append('\n');
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^\s*[A-Za-z_][A-Za-z0-9_]*=('[^']*'|[A-Za-z0-9_./:@-]*)\s*$")]
    private static partial Regex Assignment();

    private static Effective Query(string config, string copy, string stage)
    {
        string Clean(string text) => text.Replace(stage, "DIR", StringComparison.Ordinal).Replace(copy, "COPY", StringComparison.Ordinal);
        // Any exim run reads the whole config first and refuses a bad one (as -bV does), so -bP is the acceptance test too.
        var main = EximTestHost.RunExim("-C", config, "-bP");
        if (main.ExitCode != 0)
        {
            return Effective.Refused("exim -bP: " + Clean(main.Stderr + main.Stdout).Trim());
        }

        var settings = new Dictionary<SettingKey, string>();
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in main.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = Option(Clean(line));
            settings[new SettingKey("main", name)] = value;
        }

        var scope = string.Empty;
        foreach (var line in EximTestHost.RunExim("-C", config, "-bP", "routers", "transports", "authenticators").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var header = DriverHeader().Match(line);
            if (header.Success)
            {
                scope = header.Groups[2].Value + " " + header.Groups[1].Value;
                continue;
            }

            var (name, value) = Option(Clean(line));
            settings[new SettingKey(scope, name)] = value;
        }

        var session = EximTestHost.RunEximWithInput(Session, "-C", config, "-bh", "192.0.2.1", "-oMs", "client.example");
        var replies = Replies(session.Stdout);
        if (replies.Count == 0 || !replies[0][0].StartsWith("220", StringComparison.Ordinal))
        {
            // Exim read the config (-bP did) but gave no session: a broken oracle, not a result to compare.
            throw new InvalidOperationException("exim -bh gave no greeting: " + Clean(session.Stderr + session.Stdout));
        }

        for (var i = 0; i < Commands.Length; i++)
        {
            var reply = i < replies.Count ? replies[i] : [];
            if (Commands[i] == "EHLO")
            {
                foreach (var keyword in reply.Skip(1))
                {
                    var text = keyword[4..];
                    var word = text.Split(' ')[0];
                    settings[new SettingKey("session", "EHLO " + word)] = text;
                }

                facts["EHLO"] = string.Join(" ", reply.Skip(1).Select(l => l[4..].Split(' ')[0]));
            }
            else
            {
                settings[new SettingKey("session", Commands[i])] = TodFull().Replace(Clean(string.Join("\n", reply)), "<tod_full>");
                facts[Commands[i]] = reply.Count > 0 ? reply[^1][..3] : string.Empty;
            }
        }

        return new Effective(settings, facts, null);
    }

    /// <summary><c>NAME router:</c>, <c>NAME transport:</c>, <c>NAME authenticator:</c>: the driver whose options follow.</summary>
    [GeneratedRegex(@"^(\S+) (router|transport|authenticator):$")]
    private static partial Regex DriverHeader();

    /// <summary>An <c>exim -bP</c> line: <c>name = value</c>, or a boolean as <c>name</c> / <c>no_name</c>.</summary>
    private static (string Name, string Value) Option(string line)
    {
        var eq = line.IndexOf(" =", StringComparison.Ordinal);
        if (eq > 0)
        {
            return (line[..eq], line[(eq + 2)..].TrimStart(' '));
        }

        return line.StartsWith("no_", StringComparison.Ordinal) ? (line[3..], "false") : (line, "true");
    }

    /// <summary>The SMTP replies of an -bh session, each as its lines; the banner Exim prints around them is not part of them.</summary>
    private static List<List<string>> Replies(string stdout)
    {
        var replies = new List<List<string>>();
        var current = new List<string>();
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length < 4 || !char.IsAsciiDigit(line[0]) || line[3] is not (' ' or '-'))
            {
                continue;
            }

            current.Add(line);
            if (line[3] == ' ')
            {
                replies.Add(current);
                current = [];
            }
        }

        return replies;
    }

    /// <summary>Exim's <c>$tod_full</c>, which moves on between two sessions.</summary>
    [GeneratedRegex(@"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")]
    private static partial Regex TodFull();

    public IReadOnlyCollection<string> Governing(SettingKey key) =>
        key.Scope != "session" ? [key.Name]
        : SessionGovernors.TryGetValue(key.Name, out var names) ? names
        : [];

    public IEnumerable<string> Weakenings(Effective before, Effective after)
    {
        string Main(Effective e, string name) => e.Settings.TryGetValue(new SettingKey("main", name), out var v) ? v : string.Empty;
        if (Main(before, "tls_advertise_hosts").Length > 0 && Main(after, "tls_advertise_hosts").Length == 0)
        {
            yield return $"tls_advertise_hosts [{Main(before, "tls_advertise_hosts")}] became empty: STARTTLS is offered to no one";
        }

        bool Offers(Effective e, string keyword) => e.Fact("EHLO").Split(' ').Contains(keyword);
        if (Offers(before, "STARTTLS") && !Offers(after, "STARTTLS"))
        {
            yield return "EHLO no longer offers STARTTLS";
        }

        if (!Offers(before, "AUTH") && Offers(after, "AUTH"))
        {
            yield return "EHLO now offers AUTH before STARTTLS";
        }

        foreach (var command in new[] { "VRFY", "EXPN" })
        {
            if (before.Fact(command) is not ("250" or "251") && after.Fact(command) is "250" or "251")
            {
                yield return $"{command} was refused ({before.Fact(command)}) and is now answered ({after.Fact(command)})";
            }
        }

        if (!before.Fact("RCPT").StartsWith('2') && after.Fact("RCPT").StartsWith('2'))
        {
            yield return $"RCPT to another domain from a public address was refused ({before.Fact("RCPT")}) and is now accepted: open relay";
        }

        // An smtp transport's TLS demands: requiring TLS, DANE or a verified certificate, and not avoiding TLS.
        foreach (var scope in before.Settings.Keys.Where(k => k.Scope.StartsWith("transport ", StringComparison.Ordinal) && k.Name == "driver" && before.Settings[k] == "smtp").Select(k => k.Scope))
        {
            string B(string name) => before.Settings.TryGetValue(new SettingKey(scope, name), out var v) ? v : string.Empty;
            string A(string name) => after.Settings.TryGetValue(new SettingKey(scope, name), out var v) ? v : string.Empty;
            foreach (var name in new[] { "hosts_require_tls", "hosts_require_dane", "tls_verify_hosts" })
            {
                if (B(name).Length > 0 && A(name).Length == 0)
                {
                    yield return $"{scope}: {name} [{B(name)}] became empty";
                }
            }

            if (B("hosts_avoid_tls").Length == 0 && A("hosts_avoid_tls").Length > 0)
            {
                yield return $"{scope}: hosts_avoid_tls became [{A("hosts_avoid_tls")}]";
            }
        }
    }
}
