"""python3's smtplib as a peer for posthouse's interop tests.

Usage: python3 smtplib_client.py PORT SCENARIO
Prints one JSON object: what was sent (base64 of the exact message bytes smtplib put after DATA)
or what the server refused, so the test can compare it with what the store holds.
"""
import base64
import io
import json
import smtplib
import sys
from email.generator import BytesGenerator
from email.message import EmailMessage


def flattened(message, utf8=False):
    """The bytes send_message transmits: the message flattened with CRLF (and UTF-8 headers for SMTPUTF8)."""
    policy = message.policy.clone(utf8=True) if utf8 else message.policy
    buffer = io.BytesIO()
    BytesGenerator(buffer, policy=policy).flatten(message, linesep='\r\n')
    return base64.b64encode(buffer.getvalue()).decode('ascii')


def send_message(port):
    message = EmailMessage()
    message['From'] = 'Python <python@client.test>'
    message['To'] = 'alice@example.test'
    message['Subject'] = 'smtplib send_message'
    message.set_content('Hello from smtplib\n.a line that starts with a dot\n')
    with smtplib.SMTP('127.0.0.1', port, local_hostname='python.test') as client:
        refused = client.send_message(message)
    return {'refused': refused, 'sent': flattened(message)}


def smtputf8(port):
    message = EmailMessage()
    message['From'] = 'Jöran <jöran@client.test>'
    message['To'] = 'Ñandú <ñandú@example.test>'
    message['Subject'] = 'Grüße über SMTPUTF8'
    message.set_content('Schöne Grüße\n')
    with smtplib.SMTP('127.0.0.1', port, local_hostname='python.test') as client:
        client.ehlo()
        if not client.has_extn('smtputf8'):
            return {'error': 'server does not offer SMTPUTF8'}
        refused = client.send_message(message)
    return {'refused': refused, 'sent': flattened(message, utf8=True)}


def refused(port):
    with smtplib.SMTP('127.0.0.1', port, local_hostname='python.test') as client:
        try:
            client.sendmail('python@client.test', ['nobody@example.test'], b'Subject: refused\r\n\r\nbody\r\n')
        except smtplib.SMTPRecipientsRefused as error:
            return {'exception': type(error).__name__,
                    'recipients': {address: [code, text.decode('utf-8')] for address, (code, text) in error.recipients.items()}}
    return {'exception': None}


SCENARIOS = {'send_message': send_message, 'smtputf8': smtputf8, 'refused': refused}

if __name__ == '__main__':
    print(json.dumps(SCENARIOS[sys.argv[2]](int(sys.argv[1]))))
