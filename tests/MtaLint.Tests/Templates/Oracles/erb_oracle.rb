#!/usr/bin/ruby
# ERB, Erubis and EPP oracle for mtalint's template tests (Debian's ruby, ruby-erubis and puppet).
#
#   erb_oracle.rb erb < template     Ruby's ERB with trim_mode '-' (as Puppet creates it): the tokens its scanner
#                                    yields while ERB::Compiler compiles the template, placed back on the source:
#                                    {"tags": [{kind, start, end, before, after}]} with char offsets.
#   erb_oracle.rb erubis < template  Erubis as Chef runs it: the text Erubis writes between two pieces of code,
#                                    {"segments": [text, ...]}, one more than the code tags (some maybe empty).
#   erb_oracle.rb epp < template     Puppet's EPP lexer: the texts it renders (one per run of text between code
#                                    tags, empty ones left out) {"segments": [...]}, and the offset of every code
#                                    token {"code": [offset, ...]}.
#   erb_oracle.rb render-erb < job   Applies the job's edits, renders with ERB (trim_mode '-') under each flip
#                                    set, and counts the markers in each output: {"renderings": [{marker: count}]}.
#   erb_oracle.rb render-erubis      The same with Erubis.
#   erb_oracle.rb check-erb|check-epp < template
#                                    {"ok": true} when Ruby compiles what ERB makes of it / Puppet parses the EPP.
# A template the engine refuses gives {"error": message}.
require 'erb'
require 'json'

def erb_tags(src)
  compiler = ERB::Compiler.new('-')
  yielded = []
  recorder = Module.new do
    define_method(:scan) { |&blk| super() { |t| yielded << t; blk.call(t) } }
  end
  original = compiler.method(:make_scanner)
  compiler.define_singleton_method(:make_scanner) { |s| original.call(s).tap { |sc| sc.singleton_class.prepend(recorder) } }
  compiler.compile(src)

  tags = []
  pos = 0
  code = false
  yielded.each do |t|
    if t == :cr
      n = src[pos..] =~ /\A\r?\n/ ? $&.size : 0
      tags[-1]['after'] = [pos, pos + n]
      pos += n
    elsif t.empty?
      next
    elsif !code && t == '<%' && src[pos..] =~ /\A[ \t]*<%-/
      tags << { 'kind' => 'Statement', 'start' => pos + $&.size - 3, 'before' => [pos, pos + $&.size - 3] }
      pos += $&.size
      code = true
    elsif code && t == '%>' && src[pos, 3] == '-%>'
      tags[-1].merge!('end' => pos + 3, 'after' => [pos + 3, pos + 3])
      pos += 3
      code = false
    elsif src[pos, t.size] == t
      if !code && ['<%', '<%=', '<%#'].include?(t)
        kind = { '<%' => 'Statement', '<%=' => 'Expression', '<%#' => 'Comment' }[t]
        tags << { 'kind' => kind, 'start' => pos, 'before' => [pos, pos] }
        code = true
      elsif code && t == '%>'
        tags[-1].merge!('end' => pos + 2, 'after' => [pos + 2, pos + 2])
        code = false
      end
      pos += t.size
    else
      return { 'error' => "oracle: cannot place #{t.inspect} at #{pos}" }
    end
  end
  return { 'error' => 'unterminated tag' } if code

  { 'tags' => tags }
end

def erubis_segments(src)
  require 'erubis'
  recorder = Class.new(Erubis::Eruby) do
    attr_accessor :events
    def add_text(_src, text) = (@events ||= []) << [:text, text]
    def add_stmt(_src, code) = (@events ||= []) << [:code, code]
    def add_expr(_src, code, _indicator) = (@events ||= []) << [:code, code]
  end
  eruby = recorder.new(src)
  segments = ['']
  (eruby.events || []).each { |kind, value| kind == :text ? segments[-1] += value : segments << '' }
  { 'segments' => segments }
end

def epp_segments(src)
  require 'puppet'
  lexer = Puppet::Pops::Parser::Lexer2.new
  lexer.lex_string(src)
  segments = []
  code = []
  previous = nil
  lexer.fullscan_epp.each do |token, value|
    next if token == :EPP_START || token == false

    if token == :RENDER_STRING
      previous == :RENDER_STRING ? segments[-1] += value[:value] : segments << value[:value]
    elsif ![:RENDER_EXPR, :EPP_END, :EPP_END_TRIM].include?(token)
      code << value.offset
    end
    previous = token
  end
  { 'segments' => segments, 'code' => code }
rescue Puppet::Error => e
  { 'error' => e.message }
end

# Every method and name a template may use answers with itself; it prints as nothing and is false.
class Anything < BasicObject
  def method_missing(*) = self
  def respond_to_missing?(*) = true
  def to_s = ''
  def to_str = ''
  def to_a = []
  def to_ary = []
  def each(*) = self
  def nil? = false
  def inspect = ''
end

class RenderScope
  def initialize(flips) = @flips = flips
  def __flip(k) = @flips[k]
  def __loop(k, arity) = @flips[k] ? Array.new(2) { arity > 1 ? Array.new(arity) { Anything.new } : Anything.new } : []
  def method_missing(*) = Anything.new
  def respond_to_missing?(*) = true
  def instance_variable_get(*) = Anything.new
  def scope = Anything.new
  def node = Anything.new
  def get_binding = binding
end

def render(job, engine)
  text = job['template'].dup
  job['edits'].sort_by { |e| [e['start'], e['end']] }.reverse_each { |e| text[e['start']...e['end']] = e['text'] }
  renderings = job['sets'].map do |flips|
    scope = RenderScope.new(flips)
    # Instance variables (@x) the template reads are nil unless set: make each one Anything.
    job['ivars'].each { |name| scope.instance_variable_set(name, Anything.new) }
    out = engine == 'erb' ? ERB.new(text, trim_mode: '-').result(scope.get_binding) : Erubis::Eruby.new(text).result(scope.get_binding)
    out.scan(/\x02([A-Z][0-9]+)\x03/).flatten.tally
  end
  { 'renderings' => renderings }
end

# Whether the engine accepts the template: Ruby must compile the code ERB makes of it; Puppet must parse the EPP.
def check(src, engine)
  if engine == 'erb'
    RubyVM::InstructionSequence.compile(ERB.new(src, trim_mode: '-').src)
  else
    require 'puppet'
    Puppet::Pops::Parser::EvaluatingParser::EvaluatingEppParser.new.parse_string(src)
  end
  { 'ok' => true }
rescue SyntaxError, StandardError => e
  { 'error' => e.message.lines.first.to_s.strip }
end

# render-values < job: {"engine": "erb"|"erubis", "ivars": {name: value}, "scope": {name: value}, "node": {...},
# "cases": [code, ...]}: each case rendered as '<%= code %>' with those instance variables, a scope whose [] and
# lookupvar read "scope", and node as the "node" hash: {"results": [{"text"} | {"error"}]}.
class ValuesScope
  def initialize(values) = @values = values
  def [](name) = @values.fetch(name.sub(/\A::/, ''))
  def lookupvar(name) = self[name]
end

# Chef's node attributes read a symbol key as its string.
def mash(value)
  return value unless value.is_a?(Hash)

  Hash.new { |h, k| k.is_a?(Symbol) ? h[k.to_s] : nil }.merge(value.transform_values { |v| mash(v) })
end

def render_values(job)
  require 'erubis'
  results = job['cases'].map do |code|
    holder = Object.new
    job['ivars'].each { |name, value| holder.instance_variable_set("@#{name}", value) }
    scope = ValuesScope.new(job['scope'])
    node = mash(job['node'])
    b = holder.instance_eval { binding }
    b.local_variable_set(:scope, scope)
    b.local_variable_set(:node, node)
    text = "<%= #{code} %>"
    out = job['engine'] == 'erb' ? ERB.new(text, trim_mode: '-').result(b) : Erubis::Eruby.new(text).result(b)
    { 'text' => out }
  rescue StandardError, ScriptError => e
    { 'error' => "#{e.class}: #{e.message}" }
  end
  { 'results' => results }
end

src = $stdin.binmode.read.force_encoding('UTF-8')
src = src.force_encoding('ISO-8859-1') unless src.valid_encoding?
result = case ARGV[0]
         when 'erb' then erb_tags(src)
         when 'erubis' then erubis_segments(src)
         when 'epp' then epp_segments(src)
         when 'render-erb' then render(JSON.parse(src), 'erb')
         when 'render-erubis' then require('erubis') && render(JSON.parse(src), 'erubis')
         when 'check-erb' then check(src, 'erb')
         when 'check-epp' then check(src, 'epp')
         when 'render-values' then render_values(JSON.parse(src))
         end
puts JSON.generate(result)
