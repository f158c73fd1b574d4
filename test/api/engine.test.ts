import mongoose, { Schema } from 'mongoose'
import { testDatabaseUri } from '../support/server'

/**
 * What the code relies on from the database, checked against whatever engine the run uses: the
 * embedded mongo-java-server by default, a real MongoDB with MONGODB_URI. A mongoose or engine
 * upgrade that breaks one of these fails here first (docs/ARCHITECTURE.md, "The database").
 */
let conn: mongoose.Connection
const ItemSchema = new Schema({ key: { type: String, unique: true }, state: String, group: String, n: Number })
const TagSchema = new Schema({ itemKey: String, label: String })
interface ItemDoc {
  key: string
  state?: string
  group?: string
  n?: number
}
const Item = () => conn.model<ItemDoc>('Item')
const Tag = () => conn.model<{ itemKey: string; label: string }>('Tag')

beforeAll(async () => {
  conn = await mongoose.createConnection(testDatabaseUri('engine')).asPromise()
  conn.model('Item', ItemSchema)
  conn.model('Tag', TagSchema)
  await Item().init()
})
afterAll(async () => {
  await conn.dropDatabase()
  await conn.close()
})

test('connects and does create, read, update, delete', async () => {
  const created = await Item().create({ key: 'a', state: 'draft', group: 'x', n: 1 })
  expect((await Item().findById(created._id).lean())?.key).toBe('a')
  await Item().updateOne({ _id: created._id }, { $inc: { n: 2 } })
  expect((await Item().findById(created._id).lean())?.n).toBe(3)
  await Item().deleteOne({ _id: created._id })
  expect(await Item().countDocuments()).toBe(0)
})

test('findOneAndUpdate with the expected state is a conditional transition: only one of two racers wins', async () => {
  await Item().create({ key: 'race', state: 'submitted' })
  const attempt = () =>
    Item().findOneAndUpdate({ key: 'race', state: 'submitted' }, { $set: { state: 'qualified' } }, { new: true }).lean()
  const results = await Promise.all([attempt(), attempt(), attempt()])
  expect(results.filter(Boolean)).toHaveLength(1)
  expect(results.find(Boolean)?.state).toBe('qualified')
})

test('a unique index violation is E11000', async () => {
  await Item().create({ key: 'dup' })
  await expect(Item().create({ key: 'dup' })).rejects.toMatchObject({ code: 11000 })
})

test('aggregate supports $group, $lookup and $facet', async () => {
  await Item().insertMany([
    { key: 'g1', group: 'm', n: 2 },
    { key: 'g2', group: 'm', n: 4 },
    { key: 'g3', group: 's', n: 10 },
  ])
  await Tag().insertMany([{ itemKey: 'g1', label: '制造' }])
  const [result] = await Item().aggregate([
    { $match: { key: { $in: ['g1', 'g2', 'g3'] } } },
    {
      $facet: {
        byGroup: [{ $group: { _id: '$group', total: { $sum: '$n' }, count: { $sum: 1 } } }, { $sort: { _id: 1 } }],
        withTags: [
          { $match: { key: 'g1' } },
          { $lookup: { from: 'tags', localField: 'key', foreignField: 'itemKey', as: 'tags' } },
        ],
      },
    },
  ])
  expect(result.byGroup).toEqual([
    { _id: 'm', total: 6, count: 2 },
    { _id: 's', total: 10, count: 1 },
  ])
  expect(result.withTags[0].tags.map((t: { label: string }) => t.label)).toEqual(['制造'])
})
