using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Cli;

/// <summary>
/// A tiny dialect for CLI tests, independent of the real parsers: files named <c>*.fake</c>
/// (or whose first line is <c>#fake</c>) hold <c>name = value</c> lines and <c>#</c> comments;
/// a line that is neither is a syntax error at its first non-blank char. A <c>*.fake</c>
/// file and a <c>*.fake.extra</c> file of the same stem form one unit.
/// </summary>
internal sealed class FakeDialect : IDialect, ISettingEditor
{
    public string Name => "fake";

    public MtaKind Mta => MtaKind.Postfix;

    public bool Recognizes(string path, Func<string> head) =>
        path.EndsWith(".fake", StringComparison.Ordinal) || path.EndsWith(".fake.extra", StringComparison.Ordinal) || head().StartsWith("#fake", StringComparison.Ordinal);

    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths)
    {
        var units = new List<ConfigUnit>();
        foreach (var path in paths.Where(p => !p.EndsWith(".extra", StringComparison.Ordinal)))
        {
            var extra = path + ".extra";
            units.Add(new ConfigUnit(this, paths.Contains(extra) ? [path, extra] : [path]));
        }

        foreach (var extra in paths.Where(p => p.EndsWith(".extra", StringComparison.Ordinal) && !paths.Contains(p[..^6])))
        {
            units.Add(new ConfigUnit(this, [extra]));
        }

        return units;
    }

    public AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options)
    {
        var assignments = new List<SettingAssignment>();
        var errors = new List<SyntaxError>();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var line = 1; line <= file.LineCount; line++)
            {
                var text = file.GetLineText(line);
                var start = file.GetLineStart(line);
                var trimmed = text.TrimStart();
                if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                {
                    continue;
                }

                var equals = text.IndexOf('=');
                if (equals <= 0)
                {
                    var column = text.Length - trimmed.Length;
                    errors.Add(new SyntaxError(file.Span(start + column, trimmed.Length), "expected 'name = value'"));
                    continue;
                }

                var name = text[..equals].Trim();
                var value = text[(equals + 1)..].Trim();
                var nameStart = start + text.IndexOf(name, StringComparison.Ordinal);
                assignments.Add(new SettingAssignment(name, file.Path, file.Span(nameStart, name.Length), file.Span(start, text.Length), IsKnown: true, value));
                settings[name] = value;
            }
        }

        if (errors.Count > 0)
        {
            return new AnalysisResult(null, errors);
        }

        foreach (var (name, value) in options.Defines ?? new Dictionary<string, string>())
        {
            settings["-D" + name] = value; // so tests can see what --define passed on
        }

        var banner = Value("banner", settings.GetValueOrDefault("banner", "$myhostname ESMTP"), files[0], assignments);
        var host = options.EffectiveHostname;
        var rendered = banner.Raw.Replace("$myhostname", host, StringComparison.Ordinal);
        var tlsValue = Value("tls", settings.GetValueOrDefault("tls", "off"), files[0], assignments);
        var service = new Service
        {
            Name = "smtp",
            Port = 25,
            Banner = new Banner(banner, [new BannerPart(banner.Raw, rendered, BannerPartKind.Literal, banner.ValueSpan)], "$myhostname ESMTP"),
            Tls = new ServerTls { Level = tlsValue.Raw == "on" ? TlsLevel.Opportunistic : TlsLevel.None, LevelSetting = tlsValue, OpportunisticRaw = "on", HasCertificate = false },
            Auth = new AuthPolicy { Offered = false, RequiresTls = false },
            Vrfy = new CommandPolicy { Enabled = true, Setting = Value("vrfy", "yes", files[0], assignments) },
            Expn = new CommandPolicy { Enabled = false, Setting = Value("expn", "no", files[0], assignments) },
            Relay = new RelayPolicy { TrustedNetworks = [new TrustedNetwork("127.0.0.0/8", false, null)], RestrictsUnauthorizedDestinations = true },
        };
        return AnalysisResult.Success(new MtaConfig
        {
            Mta = MtaKind.Postfix,
            Files = files,
            Services = [service],
            Assignments = assignments,
            EffectiveSettings = settings,
        });
    }

    /// <summary>Lines are kept as they are: printing is the text itself.</summary>
    public string Reprint(SourceFile file) => file.Text;

    public CommentSyntax Comments => CommentSyntax.Hash;

    private ConfigValue Value(string name, string raw, SourceFile file, List<SettingAssignment> assignments)
    {
        var a = assignments.LastOrDefault(x => x.Name == name);
        if (a is null)
        {
            return new ConfigValue(name, raw, null, null, this);
        }

        var text = a.WholeSpan.Text;
        var at = text.IndexOf(a.Value.ToString(), text.IndexOf('=', StringComparison.Ordinal), StringComparison.Ordinal);
        return new ConfigValue(name, raw, a.WholeSpan.File.Span(a.WholeSpan.Span.Start + at, a.Value.Length), a.WholeSpan, this);
    }

    public TextEdit Set(ConfigValue value, string newRaw) => value.ValueSpan is { } span
        ? TextEdit.Replace(span, newRaw)
        : TextEdit.Insert(value.SettingSpan?.File ?? throw new InvalidOperationException("no file"), 0, $"{value.Name} = {newRaw}\n");

    public string Describe(string name, string raw) => $"{name} = {raw}";
}

/// <summary>
/// Test rules on the fake model: a value containing <c>bad</c> (safe fix to <c>good</c>),
/// <c>risky</c> (unsafe fix to <c>careful</c>), <c>loop</c> (a fix that never settles),
/// <c>break</c> (a fix that makes the file unreadable), <c>note</c> (info, no fix), and a file-level
/// finding when <c>tls</c> is not set (safe fix: insert <c>tls = on</c> at the end of the first file).
/// </summary>
internal sealed class FakeRule : IRule
{
    public const string RuleId = "MTA901";

    public string Id => RuleId;

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        foreach (var a in config.Assignments)
        {
            var span = a.WholeSpan;
            foreach (var (word, replacement, safety) in new[] { ("bad", "good", FixSafety.Safe), ("risky", "careful", FixSafety.Unsafe), ("loop", "loopy", FixSafety.Safe), ("break", "\n!!", FixSafety.Safe) })
            {
                var at = span.Text.IndexOf(word, span.Text.IndexOf('=', StringComparison.Ordinal), StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                var where = span.File.Span(span.Span.Start + at, word.Length);
                var fix = new Fix($"replace \"{word}\" with \"{replacement}\"", safety, [TextEdit.Replace(where, replacement)]);
                yield return Finding.At(where, $"{a.Name} says {word}", fix, $"clients see: {a.Value}");
            }
        }

        if (config.Assignments.All(a => a.Name != "tls"))
        {
            var file = config.Files[0];
            var insert = (file.Text.Length == 0 || file.Text.EndsWith('\n') ? string.Empty : file.NewLine) + "tls = on" + file.NewLine;
            yield return Finding.InFile(file, "inbound TLS is off", Fix.Safe("tls = on", TextEdit.Insert(file, file.Text.Length, insert)), "tls is unset; senders deliver in plaintext");
        }
    }
}

/// <summary>
/// An info-level rule without fixes: flags a <c>note</c> value at the name, and a <c>wide</c>
/// value with a span from the name to the end of the file (several lines, for the snippet layout).
/// </summary>
internal sealed class FakeInfoRule : IRule
{
    public const string RuleId = "MTA902";

    public string Id => RuleId;

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        foreach (var a in config.Assignments)
        {
            if (a.Value == "note")
            {
                yield return Finding.At(a.NameSpan, $"{a.Name} is only a note");
            }
            else if (a.Value == "wide")
            {
                var file = a.NameSpan.File;
                yield return Finding.At(file.Span(a.NameSpan.Span.Start, file.Text.Length - a.NameSpan.Span.Start), $"{a.Name} covers the rest of the file");
            }
        }
    }
}

/// <summary>A rule that throws, to see an internal error reported in one line.</summary>
internal sealed class ThrowingRule : IRule
{
    public string Id => "MTA903";

    public IEnumerable<Finding> Check(MtaConfig config) =>
        config.Assignments.Any(a => a.Value == "crash") ? throw new InvalidOperationException("boom") : [];
}
