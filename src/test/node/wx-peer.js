// The "platform side" for the WeCom / WeChat ITs, built on an independent implementation of Tencent's callback
// crypto: the npm package wechat-crypto (node-webot). Reads one JSON request on stdin, writes one JSON answer.
//   encrypt:       {token, aesKey, id, timestamp, nonce, message} -> {encrypt, signature}
//   decrypt-reply: {token, aesKey, id, envelope}                  -> {signatureOk, message, id, timestamp, nonce}
//   sign-plain:    {token, timestamp, nonce}                       -> {signature}   (Official Account plain mode)
'use strict';
const crypto = require('crypto');
const WXBizMsgCrypt = require('wechat-crypto');

function field(xml, name) {
  const m = xml.match(new RegExp('<' + name + '>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</' + name + '>'));
  if (!m) throw new Error('no <' + name + '> in ' + xml);
  return m[1] !== undefined ? m[1] : m[2];
}

const commands = {
  'encrypt': (r) => {
    const c = new WXBizMsgCrypt(r.token, r.aesKey, r.id);
    const encrypt = c.encrypt(r.message);
    return { encrypt, signature: c.getSignature(r.timestamp, r.nonce, encrypt) };
  },
  'decrypt-reply': (r) => {
    const c = new WXBizMsgCrypt(r.token, r.aesKey, r.id);
    const encrypt = field(r.envelope, 'Encrypt');
    const timestamp = field(r.envelope, 'TimeStamp');
    const nonce = field(r.envelope, 'Nonce');
    const signatureOk = c.getSignature(timestamp, nonce, encrypt) === field(r.envelope, 'MsgSignature');
    const opened = c.decrypt(encrypt);
    return { signatureOk, message: opened.message, id: opened.id, timestamp, nonce };
  },
  'sign-plain': (r) => ({
    signature: crypto.createHash('sha1').update([r.token, r.timestamp, r.nonce].sort().join('')).digest('hex'),
  }),
};

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const command = commands[process.argv[2]];
  if (!command) {
    process.stderr.write('unknown command ' + process.argv[2] + '\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(command(JSON.parse(input))) + '\n');
});
