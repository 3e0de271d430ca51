using System.Text;

namespace MtaLint.Tests.Robustness;

/// <summary>
/// Seeded byte-level mutations of config files: what a full disk, a Windows editor, a bad merge
/// or a template engine does to a config. The same seed gives the same mutant on every machine.
/// </summary>
public sealed class Mutator(int seed)
{
    private static readonly byte[] Interesting = "'`\"{}()[]$\\#\n\r\t =:,;.dnl\0\u00ff"u8.ToArray();

    private readonly Random _random = new(seed);

    public delegate byte[] Mutation(Random random, byte[] input, byte[] other);

    /// <summary>Text that trips Unicode handling: a BOM inside the file, line and paragraph separators, bidi overrides, combining marks, an astral char, bytes that are not UTF-8 (a lone lead byte, an overlong form, a surrogate).</summary>
    private static readonly byte[][] OddUnicode =
    [
        [0xEF, 0xBB, 0xBF], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9], [0xE2, 0x80, 0xAE], [0xCC, 0x81, 0xCC, 0x81],
        [0xF0, 0x9F, 0x93, 0xA7], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xC2, 0x85], [0x1B, 0x5B, 0x32, 0x4A],
    ];

    /// <summary>Lines with meaning to one dialect or another, dropped anywhere: conditionals, includes, sections, overrides, m4 quoting and diversions.</summary>
    private static readonly string[] Directives =
    [
        ".ifdef NOPE", ".ifndef NOPE", ".else", ".endif", ".include /nonexistent/x.conf", ".include_if_exists /nonexistent", "begin routers", "begin acl",
        "MACRO_X = ${if eq{1}{1}{y}{n}}", "smtp_banner = ${", "  -o smtpd_banner=$myhostname", "  -o { smtpd_banner = x y }", "submission inet n - y - - smtpd",
        "smtpd_banner = $name ${name?{x}} $(name) $$", "dnl", "divert(-1)", "divert(0)dnl", "changequote([,])", "define(`confSMTP_LOGIN_MSG', `$j Sendmail $v')dnl",
        "FEATURE(`nouucp'", "# mtalint: disable=MTA101", "# mtalint: disable-file=MTA999 --", "dnl mtalint: disable=MTA101 -- x",
    ];

    /// <summary>The mutations, by name (the name goes into failure messages).</summary>
    public static IReadOnlyList<(string Name, Mutation Apply)> Mutations { get; } =
    [
        ("truncate", (r, b, _) => b[..r.Next(b.Length + 1)]),
        ("insert-random-bytes", (r, b, _) => Insert(b, r.Next(b.Length + 1), RandomBytes(r, 1 + r.Next(16)))),
        ("insert-syntax-chars", (r, b, _) => Insert(b, r.Next(b.Length + 1), Enumerable.Range(0, 1 + r.Next(4)).Select(_ => Interesting[r.Next(Interesting.Length)]).ToArray())),
        ("drop-quote-or-brace", (r, b, _) => DropOne(r, b, c => c is (byte)'\'' or (byte)'`' or (byte)'"' or (byte)'{' or (byte)'}' or (byte)'(' or (byte)')')),
        ("drop-newline", (r, b, _) => DropOne(r, b, c => c == (byte)'\n')),
        ("duplicate-line", (r, b, _) => Lines(b, lines => { var i = r.Next(lines.Count); lines.Insert(i, lines[i]); })),
        ("swap-lines", (r, b, _) => Lines(b, lines => { var i = r.Next(lines.Count); var j = r.Next(lines.Count); (lines[i], lines[j]) = (lines[j], lines[i]); })),
        ("delete-line", (r, b, _) => Lines(b, lines => lines.RemoveAt(r.Next(lines.Count)))),
        ("indent-line", (r, b, _) => Lines(b, lines => { var i = r.Next(lines.Count); lines[i] = [(byte)(r.Next(2) == 0 ? ' ' : '\t'), .. lines[i]]; })),
        ("to-crlf", (_, b, _) => Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(b).Replace("\r\n", "\n").Replace("\n", "\r\n"))),
        ("add-bom", (_, b, _) => [0xEF, 0xBB, 0xBF, .. b]),
        ("latin1-line", (r, b, _) => Lines(b, lines => lines.Insert(r.Next(lines.Count + 1), [.. "# caf"u8, 0xE9, (byte)'\n']))),
        ("concatenate", (_, b, o) => [.. b, .. o]),
        ("long-line", (r, b, _) => Insert(b, r.Next(b.Length + 1), Enumerable.Repeat((byte)"a$ {(`"[r.Next(6)], 20_000 + r.Next(20_000)).ToArray())),
        ("deep-nesting", (r, b, _) => Insert(b, r.Next(b.Length + 1), Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("${a:", 2000)) + string.Concat(Enumerable.Repeat("}", r.Next(2000)))))),
        ("insert-nuls", (r, b, _) => Insert(b, r.Next(b.Length + 1), new byte[1 + r.Next(64)])),
        ("splice-other", (r, b, o) => Insert(b, r.Next(b.Length + 1), Slice(r, o))),
        ("odd-unicode", (r, b, _) => Insert(b, r.Next(b.Length + 1), OddUnicode[r.Next(OddUnicode.Length)])),
        ("lone-cr", (_, b, _) => b.Select(c => c == (byte)'\n' ? (byte)'\r' : c).ToArray()),
        ("repeat-line", (r, b, _) => Lines(b, lines => { var i = r.Next(lines.Count); lines.InsertRange(i, Enumerable.Repeat(lines[i], 50 + r.Next(200))); })),
        ("continuation-chain", (r, b, _) => Insert(b, r.Next(b.Length + 1), Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(r.Next(2) == 0 ? "x \\\n" : " y\n", 1000 + r.Next(4000)))))),
        ("directive-line", (r, b, _) => Lines(b, lines => lines.Insert(r.Next(lines.Count + 1), Encoding.ASCII.GetBytes(Directives[r.Next(Directives.Length)] + "\n")))),
    ];

    private static byte[] Slice(Random r, byte[] other)
    {
        if (other.Length == 0)
        {
            return other;
        }

        var start = r.Next(other.Length);
        return other[start..Math.Min(other.Length, start + 1 + r.Next(512))];
    }

    /// <summary>One to three mutations in a row; returns the mutant and what was done.</summary>
    public (byte[] Bytes, string Description) Mutate(byte[] input, byte[] other)
    {
        var bytes = input;
        var names = new List<string>();
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var (name, apply) = Mutations[_random.Next(Mutations.Count)];
            bytes = apply(_random, bytes, other);
            names.Add(name);
        }

        return (bytes, string.Join("+", names));
    }

    private static byte[] RandomBytes(Random r, int n)
    {
        var bytes = new byte[n];
        r.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Insert(byte[] b, int at, byte[] what) => [.. b.AsSpan(0, at), .. what, .. b.AsSpan(at)];

    private static byte[] DropOne(Random r, byte[] b, Func<byte, bool> which)
    {
        var positions = Enumerable.Range(0, b.Length).Where(i => which(b[i])).ToArray();
        if (positions.Length == 0)
        {
            return b;
        }

        var at = positions[r.Next(positions.Length)];
        return [.. b.AsSpan(0, at), .. b.AsSpan(at + 1)];
    }

    private static byte[] Lines(byte[] b, Action<List<byte[]>> edit)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < b.Length; i++)
        {
            if (b[i] == (byte)'\n')
            {
                lines.Add(b[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < b.Length)
        {
            lines.Add(b[start..]);
        }

        if (lines.Count == 0)
        {
            return b;
        }

        edit(lines);
        return lines.SelectMany(l => l).ToArray();
    }
}
