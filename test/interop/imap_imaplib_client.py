"""The IMAP scenario through python3's imaplib: each step prints one line the test compares."""
import imaplib
import re
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
MESSAGE = (b'From: Amy <amy@example.test>\r\nSubject: imaplib test\r\n'
           b'Content-Type: text/plain\r\n\r\nhello from python\r\n')

m = imaplib.IMAP4(host, port)
print('CAPABILITY', 'IMAP4REV1' in m.capabilities, 'LOGINDISABLED' in m.capabilities)
m.login(user, password)
typ, data = m.append('INBOX', r'(\Flagged)', '"05-Feb-2024 10:00:00 +0000"', MESSAGE)
print('APPEND', typ, re.search(rb'APPENDUID \d+ (\d+)', data[0]).group(1).decode())
typ, data = m.list()
print('LIST', typ, sorted(re.search(rb'"([^"]+)"$', line).group(1).decode() for line in data))
typ, data = m.select('INBOX')
print('SELECT', typ, data[0].decode())
typ, data = m.fetch('1', '(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY.PEEK[TEXT] BODY.PEEK[])')
parts = {}
for item in data:
    if isinstance(item, tuple):
        head = item[0].decode()
        parts[head.rsplit(' ', 1)[-1]] = item[1]
print('FETCH', typ, 'UID 1' in data[0][0].decode(), r'FLAGS (\Flagged)' in data[0][0].decode(),
      '" 5-Feb-2024 10:00:00 +0000"' in data[0][0].decode(), f'RFC822.SIZE {len(MESSAGE)}' in data[0][0].decode(),
      '"imaplib test"' in data[0][0].decode(), '("text" "plain"' in data[0][0].decode())
print('BODY[]', list(parts.values())[-1] == MESSAGE, b'hello from python' in b''.join(parts.values()))
typ, data = m.search(None, 'FLAGGED', 'TEXT', '"python"')
print('SEARCH', typ, data[0].decode())
typ, data = m.uid('SEARCH', 'UNSEEN')
print('UID SEARCH', typ, data[0].decode())
typ, data = m.store('1', '+FLAGS', r'(\Seen)')
print('STORE', typ, data[0].decode())
print('CREATE', m.create('Kept')[0])
typ, data = m.copy('1', 'Kept')
print('COPY', typ, bool(re.search(rb'COPYUID \d+ 1 1', data[0])))
typ, data = m.uid('MOVE', '1', 'Kept')
print('MOVE', typ)
print('STATUS', m.status('Kept', '(MESSAGES)')[1][0].decode())
m.select('Kept')
m.store('1', '+FLAGS', r'(\Deleted)')
typ, data = m.expunge()
print('EXPUNGE', typ, data)
print('CLOSE', m.close()[0])
print('LOGOUT', m.logout()[0])
