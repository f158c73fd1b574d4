// Run by the compose file's mongo-init service as root on mongo1: initiates the replica set and
// creates the server's own user (readWrite on zlbg only). Safe to run again: it skips what exists.
const members = ['mongo1:27017', 'mongo2:27017', 'mongo3:27017']
let initiated = true
try {
  rs.status()
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') throw e
  initiated = false
}
if (!initiated) {
  rs.initiate({ _id: 'rs0', members: members.map((host, i) => ({ _id: i, host })) })
}
// Users are written on the primary: wait until this member is it.
for (let i = 0; i < 60 && !db.hello().isWritablePrimary; i++) sleep(1000)
if (!db.hello().isWritablePrimary) throw new Error('mongo1 did not become primary')
const zlbg = db.getSiblingDB('zlbg')
if (!zlbg.getUser('zlbg')) {
  zlbg.createUser({ user: 'zlbg', pwd: process.env.ZLBG_DB_PASSWORD, roles: [{ role: 'readWrite', db: 'zlbg' }] })
}
print('replica set rs0 and user zlbg ready')
