#!/usr/bin/env bash
# Postfix for docs/benchmarks.md's SMTP comparison: Debian's Postfix, listening on 127.0.0.1:2526
# beside Postern, accepting mail from loopback into its durable queue (each 250 after the queue
# file is on disk) and relaying to 127.0.0.1:9, where nothing listens, so that the mail stays
# queued and Postfix spends nothing on delivery. Then:
#   java -jar postern-bench/target/benchmarks.jar e2e accept --postfix 2526
# RELAYHOST=[127.0.0.1]:PORT relays to that port instead (smtp-pipeline.sh: to smtp-sink).
# Run as root; `postfix.sh stop` stops it again.
set -euo pipefail
if [ "${1:-start}" = stop ]; then
    postfix stop
    exit 0
fi
if ! command -v postfix > /dev/null; then
    echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
    echo "postfix postfix/mailname string bench.example" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix
fi
postconf -e "inet_interfaces = loopback-only" \
    "mynetworks = 127.0.0.0/8" \
    "relayhost = ${RELAYHOST:-[127.0.0.1]:9}" \
    "smtpd_recipient_restrictions = permit_mynetworks, reject" \
    "default_process_limit = 100" \
    "maximal_queue_lifetime = 1h" \
    "default_transport = smtp" \
    "relay_transport = smtp"
# an smtpd on 2526 beside whatever listens on 25
if ! postconf -M "2526/inet" > /dev/null 2>&1 || [ -z "$(postconf -M 2526/inet 2> /dev/null)" ]; then
    postconf -M "2526/inet=2526 inet n - y - - smtpd"
fi
postfix check
postfix status > /dev/null 2>&1 && postfix reload || postfix start
echo "postfix $(postconf -h mail_version) on 127.0.0.1:2526"
