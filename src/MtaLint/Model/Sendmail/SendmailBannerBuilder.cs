using System.Globalization;
using System.Text.RegularExpressions;
using MtaLint.Text;

namespace MtaLint.Model.Sendmail;

/// <summary>
/// Splits a SmtpGreetingMessage into banner parts by sendmail's own macros (<c>$j</c>, <c>$v</c>,
/// <c>$Z</c>, <c>$b</c>, <c>${name}</c>, <c>$?x</c>...), and adds the <c> ESMTP</c> sendmail inserts after
/// the first word (srvrsmtp.c), so the parts render what a client receives after <c>220 </c>.
/// </summary>
internal static partial class SendmailBannerBuilder
{
    /// <summary>sendmail macro references: <c>$x</c>, <c>$&amp;x</c>, <c>${name}</c>, <c>$&amp;{name}</c>, conditionals <c>$?x</c> <c>$|</c> <c>$.</c>, and <c>$$</c>.</summary>
    [GeneratedRegex(@"\$(?:\$|[|.]|[?&]?(?:\{[^}]*\}|[A-Za-z0-9_]))")]
    private static partial Regex MacroPattern();

    [GeneratedRegex(@"\bSendmail\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProductPattern();

    /// <param name="expanded">The greeting after m4 (what the .cf holds).</param>
    /// <param name="valueStart">Where <paramref name="expanded"/> starts in the file, when it is the file's text verbatim; else null.</param>
    public static IReadOnlyList<BannerPart> Parts(string expanded, SourceFile file, int? valueStart, string hostname, DateTimeOffset now)
    {
        var parts = new List<BannerPart>();
        SourceSpan? SpanOf(int start, int length) => valueStart is { } s ? file.Span(s + start, length) : null;

        void AddLiteral(int start, int end)
        {
            var at = start;
            foreach (Match m in ProductPattern().Matches(expanded[start..end]))
            {
                if (m.Index + start > at)
                {
                    parts.Add(new BannerPart(expanded[at..(m.Index + start)], expanded[at..(m.Index + start)], BannerPartKind.Literal, SpanOf(at, m.Index + start - at)));
                }

                parts.Add(new BannerPart(m.Value, m.Value, BannerPartKind.Product, SpanOf(m.Index + start, m.Length)));
                at = m.Index + start + m.Length;
            }

            if (end > at)
            {
                parts.Add(new BannerPart(expanded[at..end], expanded[at..end], BannerPartKind.Literal, SpanOf(at, end - at)));
            }
        }

        // sendmail's expand() (macro.c doexpand): $?x starts a conditional taken when x has a value,
        // $| switches to its other branch, $. ends it; nested conditionals in a skipped branch are skipped whole.
        var skipping = false;
        var skipLevel = 0;
        var ifLevel = 0;
        var position = 0;
        foreach (Match m in MacroPattern().Matches(expanded))
        {
            if (skipping)
            {
                AddUnsent(position, m.Index);
            }
            else
            {
                AddLiteral(position, m.Index);
            }

            position = m.Index + m.Length;
            var name = m.Value.TrimStart('$', '&');
            if (name.StartsWith('?'))
            {
                ifLevel++;
                if (skipping)
                {
                    skipLevel++;
                }
                else
                {
                    skipping = !HasValue(name[1..], hostname);
                }

                parts.Add(new BannerPart(m.Value, string.Empty, BannerPartKind.Unsent, SpanOf(m.Index, m.Length)));
                continue;
            }

            if (name is "|" or "." && ifLevel > 0)
            {
                if (name == "|")
                {
                    skipping = skipLevel == 0 ? !skipping : skipping;
                }
                else
                {
                    ifLevel--;
                    if (skipLevel == 0)
                    {
                        skipping = false;
                    }

                    if (skipping)
                    {
                        skipLevel--;
                    }
                }

                parts.Add(new BannerPart(m.Value, string.Empty, BannerPartKind.Unsent, SpanOf(m.Index, m.Length)));
                continue;
            }

            var (kind, rendered) = skipping ? (BannerPartKind.Unsent, string.Empty) : Classify(m.Value, hostname, now);
            parts.Add(new BannerPart(m.Value, rendered, kind, SpanOf(m.Index, m.Length)));
        }

        if (skipping)
        {
            AddUnsent(position, expanded.Length);
        }
        else
        {
            AddLiteral(position, expanded.Length);
        }

        return InsertEsmtp(parts);

        void AddUnsent(int start, int end)
        {
            if (end > start)
            {
                parts.Add(new BannerPart(expanded[start..end], string.Empty, BannerPartKind.Unsent, SpanOf(start, end - start)));
            }
        }
    }

    /// <summary>Whether the macro has a value when sendmail sends the greeting (macvalue is neither null nor empty).</summary>
    private static bool HasValue(string macro, string hostname) =>
        macro == "m" ? hostname.Contains('.') : SendmailCfKnowledge.SetAtGreeting.Contains(macro);

    /// <summary>sendmail sends <c>first-word ESMTP rest</c>: the first word ends at the first blank of the expanded greeting.</summary>
    private static IReadOnlyList<BannerPart> InsertEsmtp(List<BannerPart> parts)
    {
        var inserted = new BannerPart(string.Empty, " ESMTP", BannerPartKind.Inserted, null);
        for (var i = 0; i < parts.Count; i++)
        {
            var blank = parts[i].Rendered.IndexOf(' ');
            if (blank < 0)
            {
                continue;
            }

            var part = parts[i];
            if (blank == 0)
            {
                parts.Insert(i, inserted);
                return parts;
            }

            if (part.Kind is BannerPartKind.Literal && part.Raw == part.Rendered)
            {
                // Split the literal at the blank so the parts still concatenate to the raw value.
                var head = part with { Raw = part.Raw[..blank], Rendered = part.Raw[..blank], Span = part.Span is { } s ? s.File.Span(s.Span.Start, blank) : null };
                var tail = part with { Raw = part.Raw[blank..], Rendered = part.Raw[blank..], Span = part.Span is { } t ? t.File.Span(t.Span.Start + blank, t.Span.Length - blank) : null };
                parts[i] = head;
                parts.Insert(i + 1, inserted);
                parts.Insert(i + 2, tail);
                return parts;
            }

            parts.Insert(i + 1, inserted);
            return parts;
        }

        parts.Add(inserted);
        return parts;
    }

    private static (BannerPartKind Kind, string Rendered) Classify(string macro, string hostname, DateTimeOffset now)
    {
        if (macro == "$$")
        {
            return (BannerPartKind.Literal, "$");
        }

        var name = macro.TrimStart('$', '&');
        return name switch
        {
            "j" => (BannerPartKind.Hostname, hostname),
            "w" or "k" => (BannerPartKind.Hostname, hostname.Split('.')[0]),
            // The host name of the interface the client connected to (daemon.c): the host's name, on a host with one.
            "{if_name}" => (BannerPartKind.Hostname, hostname),
            "m" => (BannerPartKind.Dynamic, hostname.Contains('.') ? hostname[(hostname.IndexOf('.') + 1)..] : string.Empty),
            "v" or "Z" => (BannerPartKind.Version, SendmailCfKnowledge.Version),
            "b" => (BannerPartKind.Timestamp, now.ToUniversalTime().ToString("ddd, d MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)),
            "n" => (BannerPartKind.Dynamic, "MAILER-DAEMON"),
            // Known only for a connection: shown as a placeholder named after the macro.
            "_" => (BannerPartKind.Dynamic, "<validated_sender>"),
            _ when SendmailCfKnowledge.SetAtGreeting.Contains(name) => (BannerPartKind.Dynamic, "<" + name.Trim('{', '}') + ">"),
            // A stray $| or $. outside a conditional, and a macro without a value at greeting time, print nothing.
            _ => (BannerPartKind.Unsent, string.Empty),
        };
    }
}
