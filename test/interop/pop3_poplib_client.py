"""Drives posthouse's POP3 server with python3's poplib; prints one JSON object of what it saw.

Usage: pop3_poplib_client.py PORT USER PASSWORD (plain|stls)
"""
import json
import poplib
import ssl
import sys

port, user, password, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
seen = {}
client = poplib.POP3('127.0.0.1', port, timeout=10)
seen['welcome'] = client.getwelcome().decode()
seen['capa'] = sorted(client.capa().keys())
if mode == 'stls':
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    seen['stls'] = client.stls(context).decode()
    seen['capa_after_tls'] = sorted(client.capa().keys())
seen['user'] = client.user(user).decode()
seen['pass'] = client.pass_(password).decode()
seen['stat'] = list(client.stat())
response, listing, _ = client.list()
seen['list'] = [line.decode() for line in listing]
response, uids, _ = client.uidl()
seen['uidl'] = [line.decode() for line in uids]
response, lines, octets = client.retr(1)
seen['retr'] = {'response': response.decode(), 'lines': [line.decode('latin1') for line in lines], 'octets': octets}
response, lines, _ = client.top(1, 1)
seen['top'] = [line.decode('latin1') for line in lines]
seen['dele'] = client.dele(1).decode()
seen['quit'] = client.quit().decode()
again = poplib.POP3('127.0.0.1', port, timeout=10)
if mode == 'stls':
    again.stls(context)
again.user(user)
again.pass_(password)
seen['stat_after_quit'] = list(again.stat())
seen['uidl_after_quit'] = [line.decode() for line in again.uidl()[1]]
again.quit()
print(json.dumps(seen))
