using MtaLint.Model.Exim;
using MtaLint.Syntax.Exim;
using MtaLint.Text;

namespace MtaLint.Tests.Exim;

/// <summary>
/// The reader searches a line only for the macros whose names occur in it (a trie of names)
/// instead of trying every macro on every line. The oracle here is the straightforward reading of
/// Exim's <c>macros_expand</c> and <c>macro_read_assignment</c> that the reader used before: every
/// macro in list order, each replaced throughout the rest of the line. Random configs over a tiny
/// alphabet make names that overlap, contain each other, and appear only after a replacement.
/// </summary>
public class EximMacroExpansionTests
{
    private static readonly (string Name, string Value)[] BuiltIns = [("_HAVE_A", "1"), ("_OPT_B", "AB_A")];

    [Theory]
    [InlineData("A = x|opt = A A", "A:=x|opt=x x", "")]
    [InlineData("AB = 1|B = 2|opt = AB B", "AB:=1|B:=2|opt=1 2", "")] // a longer name defined first may contain a later one
    [InlineData("B = A|A = x|opt = B", "B:=A|A:=x|opt=x", "")] // B's value names A, which comes later in the list: substituted in its turn
    [InlineData("B = 1|A = B|opt = A", "B:=1|A:=1|opt=1", "")] // A's value was substituted when A was defined
    [InlineData("X = E|E = 1|opt = XX", "X:=E|E:=1|opt=11", "")]
    [InlineData("P = C|BC = z|opt = BP", "P:=C|BC:=z|opt=z", "")] // a later name made across the start of a replacement
    [InlineData("P = B|BC = z|opt = PC", "P:=B|BC:=z|opt=z", "")] // ... and across its end
    [InlineData("BC = z|P = C|opt = BP", "BC:=z|P:=C|opt=BC", "")] // an earlier macro is not tried again
    [InlineData("A = x|opt = _HAVE_A A", "A:=x|opt=1 x", "")] // the first candidate starts with _: built-ins too
    [InlineData("A = x|opt = A _HAVE_A", "A:=x|opt=x _HxVE_x", "")]
    [InlineData("A = y|AA = x", "A:=y", "\"AA\" cannot be defined as a macro because previously defined macro \"A\" is a substring")]
    public void Expands_as_exim_does(string config, string statements, string errors)
    {
        var lines = config.Split('|');
        var expected = (statements.Replace('|', '\n'), errors);

        Assert.Equal(expected, Read(lines, []));
        Assert.Equal(expected, Reference(lines, []));
    }

    [Fact]
    public void Random_configs_read_as_the_brute_force_reading_does()
    {
        var random = new Random(7);
        for (var round = 0; round < 3000; round++)
        {
            var lines = RandomConfig(random, out var defines);
            var actual = Read(lines, defines);
            var expected = Reference(lines, defines);
            Assert.True(expected == actual, $"round {round}:\n{string.Join('\n', lines)}\n-D {string.Join(' ', defines)}\nexpected:\n{Show(expected)}\nactual:\n{Show(actual)}");
        }
    }

    private static string Show((string Statements, string Errors) r) => r.Statements + "\n" + r.Errors;

    private static string[] RandomConfig(Random random, out (string Name, string Value)[] defines)
    {
        const string nameChars = "ABC_";
        const string valueChars = "ABC_x ";
        string Word(string chars, int min, int max)
        {
            var length = random.Next(min, max + 1);
            return new string(Enumerable.Range(0, length).Select(_ => chars[random.Next(chars.Length)]).ToArray());
        }

        string Name() => "ABC"[random.Next(3)] + Word(nameChars, 0, 2);
        string Value()
        {
            var value = (random.Next(4) == 0 ? "_" : string.Empty) + Word(valueChars, 1, 5).Trim();
            return value.Length == 0 ? "x" : value;
        }

        defines = random.Next(4) == 0 ? [(Name(), Value())] : [];
        var lines = new List<string>();
        var count = random.Next(2, 12);
        for (var i = 0; i < count; i++)
        {
            lines.Add(random.Next(3) switch
            {
                0 => $"opt_{i} = {Value()}",
                1 => $"{Name()} {(random.Next(5) == 0 ? "==" : "=")} {Value()}",
                _ => $"{Name()} = {Value()} {Value()}",
            });
        }

        lines.Add($"opt_last = {Value()} {Value()} {Value()}");
        return [.. lines];
    }

    /// <summary>What the reader makes of the lines: each option and macro definition with its value after substitution, and the errors.</summary>
    private static (string Statements, string Errors) Read(string[] lines, (string Name, string Value)[] defines)
    {
        var file = new SourceFile("/tmp/mtalint-test/exim.conf", string.Join('\n', lines) + "\n");
        var read = EximReader.Read(
            [file],
            BuiltIns.Select(b => KeyValuePair.Create(b.Name, b.Value)),
            defines.ToDictionary(d => d.Name, d => d.Value),
            (string _, SourceFile _, out string? unreadable) =>
            {
                unreadable = null;
                return null;
            },
            EximOptionTable.Current.Drivers.AddsUp);
        var statements = read.Statements.Select(s => s switch
        {
            EximOption o => $"{o.Name}={o.Value?.Text}",
            EximMacroDefinition d => $"{d.Name}{(d.Effective ? ":=" : ":ignored=")}{d.Value.Text}",
            _ => s.GetType().Name,
        });
        return (string.Join('\n', statements), string.Join('\n', read.Errors.Select(e => e.Message)));
    }

    /// <summary>The reading before the trie: every macro tried on every line, in list order.</summary>
    private static (string Statements, string Errors) Reference(string[] lines, (string Name, string Value)[] defines)
    {
        var builtIns = BuiltIns.ToList();
        var macros = defines.Select(d => (d.Name, d.Value, CommandLine: true)).ToList();
        var statements = new List<string>();
        var errors = new List<string>();
        foreach (var physical in lines)
        {
            var text = Expand(physical, builtIns, macros);
            if (!char.IsAsciiLetterUpper(text[0]))
            {
                var eq = text.IndexOf('=');
                statements.Add($"{text[..eq].Trim()}={text[(eq + 1)..].TrimStart()}");
                continue;
            }

            var i = 0;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            var name = text[..i];
            i = text.IndexOf('=', i) + 1;
            var redefinition = i < text.Length && text[i] == '=';
            var value = text[(redefinition ? i + 1 : i)..].TrimStart();
            var existing = -1;
            string? conflict = null;
            for (var m = 0; m < macros.Count; m++)
            {
                if (macros[m].Name == name)
                {
                    existing = m;
                    break;
                }

                if (macros[m].Name.Length < name.Length && name.Contains(macros[m].Name, StringComparison.Ordinal))
                {
                    conflict = macros[m].Name;
                    break;
                }
            }

            if (conflict is not null)
            {
                errors.Add($"\"{name}\" cannot be defined as a macro because previously defined macro \"{conflict}\" is a substring");
            }
            else if (existing >= 0 && macros[existing].CommandLine)
            {
                statements.Add($"{name}:ignored={value}");
            }
            else if (existing >= 0 && !redefinition)
            {
                errors.Add($"macro \"{name}\" is already defined (use \"==\" to redefine it)");
            }
            else if (existing < 0 && redefinition)
            {
                errors.Add($"can't redefine an undefined macro \"{name}\"");
            }
            else
            {
                statements.Add($"{name}:={value}");
                if (existing >= 0)
                {
                    macros[existing] = (name, value, false);
                }
                else
                {
                    macros.Add((name, value, false));
                }
            }
        }

        return (string.Join('\n', statements), string.Join('\n', errors));
    }

    private static string Expand(string text, List<(string Name, string Value)> builtIns, List<(string Name, string Value, bool CommandLine)> macros)
    {
        var s = 0;
        if (char.IsAsciiLetterUpper(text[0]))
        {
            var t = 0;
            while (t < text.Length && (char.IsAsciiLetterOrDigit(text[t]) || text[t] == '_'))
            {
                t++;
            }

            while (t < text.Length && text[t] == ' ')
            {
                t++;
            }

            s = t < text.Length && text[t] == '=' ? t : 0;
        }

        s = Skip(text, s);
        if (s >= text.Length)
        {
            return text;
        }

        var list = text[s] == '_' ? builtIns.Concat(macros.Select(m => (m.Name, m.Value))) : macros.Select(m => (m.Name, m.Value));
        foreach (var (name, value) in list.ToArray())
        {
            s = Skip(text, s);
            if (s >= text.Length)
            {
                break;
            }

            var t = s;
            int p;
            while ((p = text.IndexOf(name, t, StringComparison.Ordinal)) >= 0)
            {
                text = string.Concat(text.AsSpan(0, p), value, text.AsSpan(p + name.Length));
                t = Skip(text, p + value.Length);
            }
        }

        return text;
    }

    private static int Skip(string text, int i)
    {
        while (i < text.Length && !char.IsAsciiLetterUpper(text[i]) && !(text[i] == '_' && i + 1 < text.Length && char.IsAsciiLetterUpper(text[i + 1])))
        {
            i++;
        }

        return i;
    }
}
