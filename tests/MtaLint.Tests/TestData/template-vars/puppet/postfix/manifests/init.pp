# @param banner The greeting (with $myhostname in it)
class postfix (
  String $banner = $postfix::params::banner,
  Boolean $tls = true,
  Integer $size = 10240000,
  Optional[String] $relayhost = undef,
  Array[String] $networks = ['127.0.0.0/8', '[::1]/128'],
  String $interpolated = "${facts['fqdn']}",
  String $from_lookup = lookup('postfix::x'),
  String $quoted = 'it\'s',
) inherits postfix::params {
  $body_value = 'body'
  if $tls {
    $inner = 'no'
  }
}
