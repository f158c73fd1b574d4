import { durableWrites } from '../../server/src/db/connection'

/** Acknowledged means journaled on a majority (issue 20), unless the operator's URI says otherwise. */
test.each([
  ['mongodb://127.0.0.1:27017/zlbg?directConnection=true&retryWrites=false', { writeConcern: { w: 'majority', journal: true } }],
  ['mongodb://a,b,c/zlbg?replicaSet=rs0', { writeConcern: { w: 'majority', journal: true } }],
  ['mongodb://a/zlbg', { writeConcern: { w: 'majority', journal: true } }],
  ['mongodb://a/zlbg?w=2', {}],
  ['mongodb://a/zlbg?replicaSet=rs0&journal=false', {}],
  ['mongodb+srv://cluster.example.com/zlbg?W=1', {}],
])('%s → %j', (uri, expected) => {
  expect(durableWrites(uri)).toEqual(expected)
})
