#include <report/remedies.hpp>

#include <array>

namespace report {
namespace {

using Steps = std::span<const std::string_view>;

constexpr std::array<std::string_view, 0> no_steps{};

constexpr std::array<std::string_view, 3> dns_steps{
    "Check the host name's spelling in the inventory.",
    "Add the missing A/AAAA record, or list the phone by its IP address.",
    "Check that the DNS server phonesweep asked (--dns-server, else the system resolver) serves "
    "the voice domain."};

constexpr std::array<std::string_view, 3> unregistered_steps{
    "Check power and network: PoE on the switch port, the cable, the voice VLAN.",
    "Look the phone up in CUCM (Device > Phone, or RTMT): last registration, the node it was on, "
    "or registration to another cluster.",
    "Remove decommissioned phones from the inventory."};

constexpr std::array<std::string_view, 3> web_disabled_steps{
    "In CUCM, Device > Phone > the phone > Product Specific Configuration Layout: set "
    "\"Web Access\" to Enabled (and HTTPS/\"Web Admin\" where the model has them).",
    "If the setting comes from a Common Phone Profile or the Enterprise Phone Configuration, change "
    "it there (\"Override Enterprise Settings\" decides which wins).",
    "Save, Apply Config, and reset the phone so that it reads the new configuration."};

constexpr std::array<std::string_view, 3> unreachable_steps{
    "Check routing and firewall rules from the scanning host to the voice VLAN (TCP 80 and 443).",
    "Check that the inventory address is current (DHCP may have moved the phone).",
    "Check that the phone is powered and registered (it may have been removed)."};

constexpr std::array<std::string_view, 3> timeout_steps{
    "Phone web servers are slow and handle few connections: scan again with a longer --timeout "
    "and a lower --concurrency.",
    "Look for packet loss or congested links to the site.",
    "A phone that always hangs: reset it; upgrade its firmware if the problem is known there."};

constexpr std::array<std::string_view, 3> tls_steps{
    "Check the phone's HTTPS setting (Product Specific Configuration Layout) and its certificate.",
    "Old firmware may offer only old TLS versions or ciphers: upgrade the firmware.",
    "Check that nothing between the scanner and the phone intercepts TLS."};

constexpr std::array<std::string_view, 4> credentials_steps{
    "Check the application user's password in CUCM (User Management > Application User); set it "
    "again if in doubt and give phonesweep the same one.",
    "Check that the account is not locked by the credential policy (failed logons) and that the "
    "password has not expired.",
    "Check that phonesweep used the intended user (--user) and password source (--password-env or "
    "--password-file).",
    "For an end user authenticated against LDAP: check the directory account."};

constexpr std::array<std::string_view, 3> roles_steps{
    "Give the user the CTI roles: add it to the access control groups \"Standard CTI Enabled\", "
    "\"Standard CTI Allow Control of Phones supporting Connected Xfer and conf\", "
    "\"Standard CTI Allow Control of Phones supporting Rollover Mode\" and, where the remote-control "
    "application asks for control of every phone, \"Standard CTI Allow Control of All Devices\" (the "
    "name the CUCM ships it under; Cisco's troubleshooting guide calls it \"...All Phones\") (User "
    "Management > Application User > Permissions Information > Add to Access Control Group).",
    "Save, then check the user's Roles list shows the CTI roles.",
    "Scan again: the phones then move to their next cause, if any."};

constexpr std::array<std::string_view, 3> association_steps{
    "Associate the device to the user's controlled devices (User Management > Application User > "
    "Device Information > Device Association).",
    "For many phones, use the Bulk Administration Tool to update the user's controlled devices.",
    "Save; the phone needs no reset."};

constexpr std::array<std::string_view, 4> itl_steps{
    "On one phone: reset its ITL via Settings > Security > Reset Security Settings (Settings > "
    "Admin Settings > Reset Settings > Security Settings on newer models).",
    "For many phones: run `utils itl reset localkey` on the publisher's CLI, then reset the "
    "affected phones so that they accept the new ITL.",
    "Find out why trust broke: certificates regenerated (CallManager, TVS, ITLRecovery), a cluster "
    "migration, or phones moved between clusters.",
    "Scan again to confirm the status page shows the ITL installed."};

constexpr std::array<std::string_view, 4> auth_url_steps{
    "Fix the authentication URL: System > Enterprise Parameters > Phone URL Parameters > "
    "\"URL Authentication\" (and \"Secured URL Authentication\"), or the per-device override.",
    "Or fix the DNS entry for its host so that the phones can resolve it.",
    "Check the DNS servers the phones receive from DHCP.",
    "Reset the phones (Apply Config) so that they pick up a changed URL."};

constexpr std::array<std::string_view, 4> auth_failed_steps{
    "Open the phone's authentication URL from the voice VLAN: it must answer (the CUCM Tomcat "
    "service and the authentication service must be running).",
    "Check the application user's password, its CTI roles and that the device is in its "
    "controlled devices.",
    "Read the phone's status messages for trust or authentication errors.",
    "Reset the phone's security settings if it still fails."};

constexpr std::array<std::string_view, 2> phone_error_steps{
    "Look up the CiscoIPPhoneError number (column phone_error) in Cisco's IP Phone Services "
    "documentation.",
    "Reset the phone; upgrade its firmware if the error persists."};

constexpr std::array<std::string_view, 2> unsupported_steps{
    "Nothing to fix in CUCM: this model (or firmware) has no screenshot service.",
    "Leave such models out of remote-control workflows, or plan their replacement."};

constexpr std::array<std::string_view, 2> http_error_steps{
    "Read the HTTP status in the detail: something other than a phone may answer at this address "
    "(a proxy, a reused IP).",
    "Check that the address belongs to the phone the inventory names."};

constexpr std::array<std::string_view, 3> bad_response_steps{
    "Scan the phone again: its web server may have crashed mid-answer.",
    "Reset the phone; upgrade its firmware if it keeps answering badly.",
    "Check that the address belongs to a phone (not another device)."};

constexpr std::array<CauseGuide, diagnosis::root_cause_count> guides{{
    {"Screenshot works", "The application user can take a screenshot of this phone: remote control works.",
     "/CGI/Screenshot returned an image.", Steps(no_steps), "Nothing to do."},
    {"Inventory name does not resolve",
     "phonesweep could not even look the phone up: its inventory host name has no address.",
     "The DNS lookup of the inventory host name failed.", Steps(dns_steps),
     "Fix the host name in the inventory or add its DNS record."},
    {"Phone not registered", "The phone is not registered to the CUCM, so it cannot be controlled at all.",
     "RisPort says the phone is not registered, and the phone does not answer.", Steps(unregistered_steps),
     "Find out why the phone is not registered (power, network) or remove it from the inventory."},
    {"Phone web server disabled", "Remote screenshots go through the phone's web server, which is switched off.",
     "RisPort (Httpd) says the web server is off, and the phone does not answer.", Steps(web_disabled_steps),
     "Enable Web Access on the phone in CUCM, apply config and reset it."},
    {"Phone unreachable", "No TCP connection to the phone: it is off, moved, or a network path or firewall blocks it.",
     "The TCP connection was refused, timed out, or had no route.", Steps(unreachable_steps),
     "Open the network path from the scanner to the phone (routing, firewall, TCP 80/443)."},
    {"Phone too slow to answer", "The phone accepted the connection but did not answer completely in time.",
     "Connected, but no complete answer within the timeout.", Steps(timeout_steps),
     "Scan again with a longer --timeout; reset phones that keep hanging."},
    {"TLS failure", "The HTTPS handshake with the phone failed.", "The TLS handshake or the certificate check failed.",
     Steps(tls_steps), "Check the phone's HTTPS setting and certificate; upgrade old firmware."},
    {"Wrong password",
     "The credentials are wrong for the whole estate: no phone accepted them and the CUCM rejects "
     "them.",
     "No phone accepted the credentials and the CUCM rejected them for every phone it was asked "
     "about (or AXL says so).",
     Steps(credentials_steps), "Set the application user's password in CUCM and give phonesweep the same one."},
    {"User lacks the CTI roles", "The user authenticates but is not allowed to control phones.",
     "AXL shows the user lacks the CTI access control groups remote control needs.", Steps(roles_steps),
     "Add the user to the Standard CTI access control groups."},
    {"Phone not associated with the user",
     "The credentials work, but this phone is not among the user's controlled devices.",
     "The CUCM rejects the credentials for this phone while they work elsewhere, or AXL's "
     "controlled devices lack it.",
     Steps(association_steps), "Add these phones to the user's controlled devices (bulk association)."},
    {"Phone does not trust the CUCM (ITL)",
     "The CUCM authorizes the user, but the phone cannot verify the authentication server because "
     "its Identity Trust List is missing or out of date, so it answers Error 4.",
     "CiscoIPPhoneError 4, the CUCM says AUTHORIZED, and the phone's status page shows an ITL / "
     "trust-list failure.",
     Steps(itl_steps), "Reset the phones' ITL (Reset Security Settings, or utils itl reset localkey and a reset)."},
    {"Authentication URL does not resolve",
     "The CUCM authorizes the user, but the phone cannot reach its authentication URL because the "
     "URL's host name does not resolve.",
     "CiscoIPPhoneError 4, the CUCM says AUTHORIZED, and the host in the phone's authentication URL "
     "does not resolve.",
     Steps(auth_url_steps), "Fix DNS for the host in the phones' authentication URL."},
    {"Authentication failed (unexplained)",
     "The phone answered Error 4 (authentication failed) and none of the usual causes was proven.",
     "CiscoIPPhoneError 4, and no evidence above explains it.", Steps(auth_failed_steps),
     "Scan with --cucm so that the CUCM's verdict names the cause."},
    {"Phone error", "The phone refused the screenshot with a CiscoIPPhoneError other than 4.",
     "A CiscoIPPhoneError other than 4 (its number is in the phone_error column).", Steps(phone_error_steps),
     "Look up the phone error number and reset the phone."},
    {"Model without screenshot service", "This model has no remote screenshot service.",
     "The known model table says so, or /CGI/Screenshot answered 404.", Steps(unsupported_steps),
     "Leave these models out of remote control."},
    {"Unexpected HTTP status", "The phone answered the screenshot request with an unexpected HTTP status.",
     "An HTTP status that none of the causes above explains.", Steps(http_error_steps),
     "Check that the address belongs to the phone the inventory names."},
    {"Malformed or cut-off answer",
     "The phone's answer could not be read: malformed, truncated, too large, or the connection "
     "closed early.",
     "A malformed, truncated or oversized body, or a connection closed before a complete answer.",
     Steps(bad_response_steps), "Scan again; reset phones that keep answering badly."},
}};

} // namespace

const CauseGuide& guide(diagnosis::RootCause cause) { return guides[static_cast<std::size_t>(cause)]; }

} // namespace report
