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

    /// <summary>
    /// <see cref="PostfixMainCf"/> as an Ansible template (issue 15): the same lines with a Jinja comment for each
    /// comment, an expression in each <c>my_param_</c> value, and every 20 lines a block under <c>{% if %}</c>.
    /// </summary>
    public static string PostfixMainCfTemplate(int lines)
    {
        var text = new StringBuilder("smtpd_banner = {{ ansible_fqdn }} ESMTP\nmyhostname = mx.example.com\n");
        for (var i = 2; i < lines; i++)
        {
            if (i % 20 == 5)
            {
                text.Append($"{{% if flag_{i} %}}\n");
                continue;
            }

            if (i % 20 == 15)
            {
                text.Append("{% endif %}\n");
                continue;
            }

            text.Append((i % 5) switch
            {
                0 => $"{{# note {i} #}}\n",
                1 => $"my_param_{i} = {{{{ value_{i} }}}} $myhostname\n",
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

    /// <summary>
    /// <see cref="EximConfig"/> as an Ansible template (issue 15): a Jinja comment for every other comment, an expression
    /// in each macro value, and every 20 lines a block under <c>{% if %}</c> (between whole <c>.ifdef</c> pairs).
    /// </summary>
    public static string EximConfigTemplate(int lines)
    {
        var text = new StringBuilder("primary_hostname = {{ ansible_fqdn }}\nsmtp_banner = $smtp_active_hostname ESMTP\n");
        var body = Math.Max(0, lines - 8);
        var open = false;
        for (var i = 0; i < body; i++)
        {
            open = i % 20 == 0 || (open && i % 20 != 12);
            text.Append((i % 4) switch
            {
                0 when i % 20 == 0 => $"{{% if flag_{i} %}}\n",
                0 when i % 20 == 12 => "{% endif %}\n",
                0 => i % 8 == 4 ? $"{{# note {i} #}}\n" : $"# note {i}\n",
                1 => $"MACRO_{i:D6} = {{{{ value_{i} }}}} {i}\n",
                2 => $".ifdef MACRO_{i - 1:D6}\n",
                _ => ".endif\n",
            });
        }

        if (open)
        {
            text.Append("{% endif %}\n");
        }

        text.Append("acl_smtp_rcpt = acl_check_rcpt\nbegin acl\nacl_check_rcpt:\n  accept hosts = :\n  require verify = sender\n  accept\n");
        return text.ToString();
    }

    /// <summary>
    /// An Exim template of <paramref name="lines"/> lines that sets one option again on every line (a finding each, whose fix
    /// deletes it), every 20 lines inside a block under <c>{% if %}</c>: each finding is asked again of the config with the
    /// blocks it is not in left out.
    /// </summary>
    public static string EximDuplicatesTemplate(int lines)
    {
        var text = new StringBuilder("primary_hostname = {{ ansible_fqdn }}\n");
        var open = false;
        for (var i = 1; i < lines; i++)
        {
            text.Append((i % 20, open) switch
            {
                (0, _) => $"{{% if flag_{i} %}}\n",
                (3, true) => "{% endif %}\n",
                _ => $"smtp_accept_max = {i}\n",
            });
            open = i % 20 == 0 || (open && i % 20 != 3);
        }

        return (open ? text.Append("{% endif %}\n") : text).ToString();
    }

    /// <summary>
    /// <see cref="SendmailMc"/> as an Ansible template (issue 15): a Jinja comment for every other comment, an expression
    /// in each define's value, and every 30 lines a block under <c>{% if %}</c>.
    /// </summary>
    public static string SendmailMcTemplate(int lines)
    {
        var text = new StringBuilder("OSTYPE(`linux')dnl\nDOMAIN(`generic')dnl\n");
        var open = false;
        for (var i = 2; i < lines - 1; i++)
        {
            text.Append((i % 3) switch
            {
                0 when i % 30 == 3 => $"{{% if flag_{i} %}}\n",
                0 when i % 30 == 18 => "{% endif %}\n",
                0 => i % 6 == 3 ? $"{{# note {i} #}}\n" : $"dnl note {i}\n",
                1 => $"define(`confMY_{i}', `{{{{ value_{i} }}}} {i}')dnl\n",
                _ => $"FEATURE(`always_add_domain')dnl\n",
            });
            open = i % 30 == 3 || (open && i % 30 != 18);
        }

        if (open)
        {
            text.Append("{% endif %}\n");
        }

        text.Append("MAILER(`smtp')dnl\n");
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

    /// <summary>A master.cf beside <see cref="PostfixMainCf"/>: the stock services, with listener overrides that reference its parameters.</summary>
    public static string PostfixMasterCf() =>
        """
        smtp      inet  n       -       y       -       -       smtpd
        submission inet n       -       y       -       -       smtpd
          -o syslog_name=postfix/submission
          -o smtpd_tls_security_level=encrypt
          -o smtpd_sasl_auth_enable=yes
          -o smtpd_banner=$myhostname ESMTP ${my_param_6}
        smtps     inet  n       -       y       -       -       smtpd
          -o syslog_name=postfix/smtps
          -o smtpd_tls_wrappermode=yes
          -o smtpd_sasl_auth_enable=yes
          -o my_local_list=${my_list_7}
        pickup    unix  n       -       y       60      1       pickup
        cleanup   unix  n       -       y       -       0       cleanup
        qmgr      unix  n       -       n       300     1       qmgr
        tlsmgr    unix  -       -       y       1000?   1       tlsmgr
        rewrite   unix  -       -       y       -       -       trivial-rewrite
        bounce    unix  -       -       y       -       0       bounce
        defer     unix  -       -       y       -       0       bounce
        trace     unix  -       -       y       -       0       bounce
        verify    unix  -       -       y       -       1       verify
        flush     unix  n       -       y       1000?   0       flush
        proxymap  unix  -       -       n       -       -       proxymap
        proxywrite unix -       -       n       -       1       proxymap
        smtp      unix  -       -       y       -       -       smtp
        relay     unix  -       -       y       -       -       smtp
          -o syslog_name=postfix/$service_name
        showq     unix  n       -       y       -       -       showq
        error     unix  -       -       y       -       -       error
        retry     unix  -       -       y       -       -       error
        discard   unix  -       -       y       -       -       discard
        local     unix  -       n       n       -       -       local
        virtual   unix  -       n       n       -       -       virtual
        lmtp      unix  -       -       y       -       -       lmtp
        anvil     unix  -       -       y       -       1       anvil
        scache    unix  -       -       y       -       1       scache
        postlog   unix-dgram n  -       n       -       1       postlogd

        """;

    /// <summary>
    /// A main.cf whose <c>smtpd_recipient_restrictions</c> is one physical value of about <paramref name="bytes"/>
    /// bytes made of references: built-in and user parameters in every syntax, and every eighth one to a name
    /// defined nowhere (each a finding with a "did you mean" search).
    /// </summary>
    public static string PostfixLongReferenceValue(int bytes)
    {
        var text = new StringBuilder("myhostname = mx.example.com\n");
        for (var j = 0; j < 64; j++)
        {
            text.Append($"my_class_{j} = permit_mynetworks\n");
        }

        text.Append("smtpd_recipient_restrictions = reject_unauth_destination");
        var i = 0;
        while (text.Length < bytes)
        {
            text.Append((i % 8) switch
            {
                0 => " $myhostname",
                1 => $" ${{my_class_{i % 64}}}",
                2 => $" $(my_class_{(i + 7) % 64})",
                3 => " ${mydomain?{check_sender_access}}",
                4 => $" ${{my_class_{(i + 3) % 64}:permit}}",
                5 => " $$literal",
                6 => $" $my_class_{(i + 5) % 64},",
                _ => $" $undefined_name_{i}",
            });
            i++;
        }

        return text.Append('\n').ToString();
    }

    /// <summary>A main.cf of <paramref name="lines"/> assignments to a few dozen names, each set again and again (the duplicate rule's findings and fixes).</summary>
    public static string PostfixDuplicates(int lines)
    {
        string[] names = ["smtpd_banner", "mynetworks", "relayhost", "smtpd_tls_security_level", "my_own_param", "disable_vrfy_command", "inet_interfaces", "mydestination"];
        string[] values = ["$myhostname ESMTP", "127.0.0.0/8", "[relay.example.com]:587", "may", "value", "yes", "all", "$myhostname, localhost"];
        var text = new StringBuilder("myhostname = mx.example.com\n");
        for (var i = 1; i < lines; i++)
        {
            var k = i % names.Length;
            text.Append($"{names[k]} = {values[k]}\n");
        }

        return text.ToString();
    }

    /// <summary>A main.cf of <paramref name="lines"/> lines where every setting has a suppression comment before it, most of them unused.</summary>
    public static string PostfixSuppressions(int lines)
    {
        var text = new StringBuilder("myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMTP\n");
        for (var i = 2; i + 1 < lines; i += 2)
        {
            text.Append((i / 2 % 4) switch
            {
                0 => $"# mtalint: disable=MTA304 -- generated {i}\nmy_param_{i} = value\n",
                1 => $"# mtalint: disable=MTA305,MTA306 -- generated {i}\nmy_ref_{i} = $undefined_{i}\n",
                2 => $"# mtalint: disable=MTA101 -- generated {i}\nmy_other_{i} = value\n",
                _ => "# mtalint: disable=MTA304\nsmtpd_banner = $myhostname ESMTP\n",
            });
        }

        return text.ToString();
    }
}
