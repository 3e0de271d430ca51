# Hand-made Puppet defaults for TemplateVariablesTests.
class postfix::params {
  $banner = '$myhostname ESMTP'
  $relay = "[relay.example.com]:587"
  if $facts['os']['family'] == 'Debian' {
    $conditional = 'debian'
  }
  $fact_based = $facts['networking']['fqdn']
}
