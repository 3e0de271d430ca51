using System.Text;

namespace MtaLint.Benchmarks;

/// <summary>
/// Small inputs that once made unbounded work (issue 14, "Small inputs cannot make unbounded
/// work"): the benchmark runs them as whole processes (bench/large-bench.sh), the tests count what
/// they cost. Each returns the files of one case, names relative to the case's folder.
/// </summary>
public static class Bombs
{
    /// <summary>
    /// An Exim config whose ACL includes <c>inc-01</c> twice, <c>inc-01</c> includes <c>inc-02</c>
    /// twice, and so on: <paramref name="levels"/> tiny files that Exim reads 2^levels times over.
    /// The last file holds an ACL line (Exim accepts it any number of times), so only the fan-out is at stake.
    /// </summary>
    public static IReadOnlyList<(string Name, string Text)> EximIncludeFanOut(int levels)
    {
        var files = new List<(string, string)>
        {
            ("exim4.conf", "primary_hostname = mx.example.com\nacl_smtp_rcpt = acl_check_rcpt\nbegin acl\nacl_check_rcpt:\n.include inc-01\n.include inc-01\n  accept\n"),
        };
        for (var i = 1; i < levels; i++)
        {
            files.Add(($"inc-{i:D2}", $".include inc-{i + 1:D2}\n.include inc-{i + 1:D2}\n"));
        }

        files.Add(($"inc-{levels:D2}", "  deny hosts = 192.0.2.1\n"));
        return files;
    }

    /// <summary>
    /// A main.cf whose <c>a0 = $a1$a1</c>, <c>a1 = $a2$a2</c>... doubles at each of
    /// <paramref name="levels"/> levels: some 600 bytes that expand to 2^levels characters.
    /// <paramref name="style"/> is how a reference is written: <c>$</c>, <c>{</c> or <c>(</c>.
    /// </summary>
    public static string PostfixExpansionBomb(int levels, char style = '$')
    {
        string Ref(int i) => style switch
        {
            '{' => $"${{a{i}}}",
            '(' => $"$(a{i})",
            _ => $"$a{i}",
        };

        var text = new StringBuilder("myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMTP $a0\n");
        for (var i = 0; i < levels; i++)
        {
            text.Append($"a{i} = {Ref(i + 1)}{Ref(i + 1)}\n");
        }

        return text.Append($"a{levels} = x\n").ToString();
    }

    /// <summary>
    /// A <c>.mtalint.yaml</c> whose exclude pattern backtracks (<c>*a*a*a*a*ab</c>) and a main.cf in a
    /// folder whose name is <paramref name="nameLength"/> a's: the pattern is tried against that name.
    /// </summary>
    public static IReadOnlyList<(string Name, string Text)> PolicyGlob(int nameLength) =>
    [
        (".mtalint.yaml", "exclude: [\"*a*a*a*a*ab\"]\n"),
        (new string('a', nameLength) + "/main.cf", "myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMTP\n"),
    ];

    /// <summary>A main.cf whose <c>smtpd_banner</c> is one physical line of about <paramref name="bytes"/> bytes of words.</summary>
    public static string PostfixLongBanner(int bytes)
    {
        const string Head = "myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMTP";
        var text = new StringBuilder(Head, bytes + 64);
        var i = 0;
        while (text.Length < bytes)
        {
            text.Append(i++ % 4 == 3 ? " (Debian/GNU)" : " welcome");
        }

        return text.Append('\n').ToString();
    }

    /// <summary>
    /// A sendmail.mc whose <c>A0</c> expands to <c>A1 A1</c>, <c>A1</c> to <c>A2 A2</c>, and so on for
    /// <paramref name="levels"/> levels: no macro expands to itself, yet <c>A0</c> is 2^levels words.
    /// </summary>
    public static string SendmailM4Exponential(int levels)
    {
        var text = new StringBuilder("divert(-1)\n");
        for (var i = 0; i < levels; i++)
        {
            text.Append($"define(`A{i}', `A{i + 1} A{i + 1}')\n");
        }

        return text.Append($"define(`A{levels}', `x')\ndivert(0)dnl\nA0\n").ToString();
    }
}
