using System.Text;

namespace MtaLint.Benchmarks;

/// <summary>
/// Generated configs of a chosen size, the same shape at every size, so that cost per line can be
/// compared across sizes: the benchmark times them, the tests compare the work they cause.
/// </summary>
public static class LargeConfigs
{
    /// <summary>A Postfix main.cf of <paramref name="lines"/> lines: assignments, references, comments, continuations.</summary>
    public static string PostfixMainCf(int lines)
    {
        var text = new StringBuilder("smtpd_banner = $myhostname ESMTP\nmyhostname = mx.example.com\n");
        for (var i = 2; i < lines; i++)
        {
            text.Append((i % 5) switch
            {
                0 => $"# note {i}\n",
                1 => $"my_param_{i} = value{i} $myhostname\n",
                2 => $"my_list_{i} = a{i}, b{i}\n",
                3 => $"    c{i}\n",
                _ => $"my_ref_{i} = ${{my_param_{i - 3}}}\n",
            });
        }

        return text.ToString();
    }

    /// <summary>An Exim configure file of <paramref name="lines"/> lines: macros, main options, an ACL.</summary>
    public static string EximConfig(int lines)
    {
        var text = new StringBuilder("primary_hostname = mx.example.com\nsmtp_banner = $smtp_active_hostname ESMTP\n");
        var body = Math.Max(0, lines - 8);
        for (var i = 0; i < body; i++)
        {
            text.Append((i % 4) switch
            {
                0 => $"# note {i}\n",
                1 => $"MACRO_{i:D6} = value {i}\n",
                2 => $".ifdef MACRO_{i - 1:D6}\n",
                _ => ".endif\n",
            });
        }

        text.Append("acl_smtp_rcpt = acl_check_rcpt\nbegin acl\nacl_check_rcpt:\n  accept hosts = :\n  require verify = sender\n  accept\n");
        return text.ToString();
    }

    /// <summary>A Sendmail .mc of <paramref name="lines"/> lines.</summary>
    public static string SendmailMc(int lines)
    {
        var text = new StringBuilder("OSTYPE(`linux')dnl\nDOMAIN(`generic')dnl\n");
        for (var i = 2; i < lines - 1; i++)
        {
            text.Append((i % 3) switch
            {
                0 => $"dnl note {i}\n",
                1 => $"define(`confMY_{i}', `value {i}')dnl\n",
                _ => $"FEATURE(`always_add_domain')dnl\n",
            });
        }

        text.Append("MAILER(`smtp')dnl\n");
        return text.ToString();
    }

    /// <summary>A main.cf whose <c>mynetworks</c> is one logical line of about <paramref name="bytes"/> bytes (continuation lines).</summary>
    public static string PostfixLongLogicalLine(int bytes)
    {
        var text = new StringBuilder("myhostname = mx.example.com\nmynetworks = 127.0.0.0/8");
        var i = 0;
        while (text.Length < bytes)
        {
            text.Append(i % 8 == 7 ? "\n    " : " ").Append($"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}/32");
            i++;
        }

        return text.Append('\n').ToString();
    }

    /// <summary>A main.cf whose <c>mynetworks</c> is one physical line of about <paramref name="bytes"/> bytes.</summary>
    public static string PostfixLongPhysicalLine(int bytes)
    {
        var text = new StringBuilder("myhostname = mx.example.com\nmynetworks = 127.0.0.0/8");
        var i = 0;
        while (text.Length < bytes)
        {
            text.Append($" 10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}/32");
            i++;
        }

        return text.Append('\n').ToString();
    }

    /// <summary>An Exim config with one logical line of about <paramref name="bytes"/> bytes (backslash continuations).</summary>
    public static string EximLongLogicalLine(int bytes)
    {
        var text = new StringBuilder("primary_hostname = mx.example.com\nhostlist relay_from_hosts = 127.0.0.1");
        var i = 0;
        while (text.Length < bytes)
        {
            text.Append(i % 8 == 7 ? " : \\\n    " : " : ").Append($"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}");
            i++;
        }

        return text.Append('\n').ToString();
    }

    /// <summary>A Sendmail .mc with one define of about <paramref name="bytes"/> bytes.</summary>
    public static string SendmailLongLine(int bytes)
    {
        var text = new StringBuilder("OSTYPE(`linux')dnl\ndefine(`confSMTP_LOGIN_MSG', `$j ESMTP");
        var i = 0;
        while (text.Length < bytes)
        {
            text.Append($" word{i}");
            i++;
        }

        return text.Append("')dnl\nMAILER(`smtp')dnl\n").ToString();
    }
}
