import { align, MIN_PASSAGE } from '../../server/src/similarity/align'
import { Boilerplate, normalise, prepare, type DocumentField } from '../../server/src/similarity/text'
import { bandKeys, BANDS, documentBands, estimateJaccard, shingleHashes, signature, windows, WINDOW, STEP } from '../../server/src/similarity/minhash'
import { applicationBoilerplate } from '../../server/src/similarity/boilerplate'
import { MASK, maskEdits } from '../../server/src/similarity/mask'
import { narrative, renamed, reorderSentences, seededRandom, sentencesOf, touchUp } from '../support/narratives'

/** 第二十一条: copied application material (申报材料弄虚作假) is found; text everyone repeats is not counted. */

const none = new Boilerplate()
const doc = (...texts: string[]): DocumentField[] => texts.map((text, i) => ({ field: `f${i}`, text }))
const compare = (a: DocumentField[], b: DocumentField[], bp = none) => align(prepare(a, bp), prepare(b, bp))
const sharesBand = (a: DocumentField[], b: DocumentField[], bp = none) => {
  const keys = new Set(documentBands(prepare(b, bp)))
  return documentBands(prepare(a, bp)).some((k) => keys.has(k))
}

describe('normalisation: width, case, punctuation and whitespace do not count', () => {
  test.each([
    ['full-width letters and digits', 'ＩＳＯ９００１认证', 'iso9001认证'],
    ['Chinese and ASCII punctuation', '质量，效益。“提升”！(a)', '质量效益提升a'],
    ['whitespace and line breaks', '质 量\n管\t理', '质量管理'],
    ['ideographic space and full-width percent', '提升　５０％', '提升50'],
    ['nothing left of punctuation only', '，。！？、', ''],
  ])('%s', (_name, input, expected) => {
    expect(normalise(input).chars).toBe(expected)
  })

  test('each kept character remembers where it was in the original text', () => {
    const text = '甲，ＡＢ 乙'
    const n = normalise(text)
    expect(n.chars).toBe('甲ab乙')
    expect(n.origin.map((i) => text[i])).toEqual(['甲', 'Ａ', 'Ｂ', '乙'])
  })
})

describe('MinHash and LSH bands', () => {
  const r = seededRandom(1)
  const a = narrative(r, 1500)
  const b = narrative(r, 1500)

  test('identical texts have identical signatures; unrelated ones almost none in common', () => {
    const ha = shingleHashes(a)
    expect(estimateJaccard(signature(ha), signature(shingleHashes(a)))).toBe(1)
    expect(estimateJaccard(signature(ha), signature(shingleHashes(b)))).toBeLessThan(0.1)
    expect(bandKeys(signature(ha))).toHaveLength(BANDS)
  })

  test.each([
    ['no shingles', 0, []],
    ['one window when short', 150, [[0, 150]]],
    ['exactly one window', WINDOW, [[0, WINDOW]]],
    ['overlapping windows, the last one flush with the end', WINDOW + STEP + 50, [[0, WINDOW], [STEP, STEP + WINDOW], [WINDOW + STEP + 50 - WINDOW, WINDOW + STEP + 50]]],
  ])('windows: %s', (_name, count, expected) => {
    expect(windows(count)).toEqual(expected)
  })

  test('bands are stable: the same text always falls into the same buckets (they are stored)', () => {
    expect(documentBands(prepare(doc(a), none))).toEqual(documentBands(prepare(doc(a), none)))
  })
})

describe('第二十一条: copies are found, with light edits', () => {
  const r = seededRandom(7)
  const source = narrative(r, 3000)
  const own = narrative(r, 3000)
  const part = (text: string, from: number, share: number) => text.slice(Math.floor(text.length * from), Math.floor(text.length * (from + share)))

  test.each([
    ['a whole narrative copied', () => source, 0.99],
    ['the organization name changed', () => renamed(renamed(source, '公司', '本集团'), '质量部', '品质保证处'), 0.85],
    ['sentences reordered', () => reorderSentences(seededRandom(3), source), 0.8],
    ['wording touched up every ~60 characters', () => touchUp(seededRandom(4), source), 0.75],
    ['30 % copied into the middle of its own text', () => own.slice(0, 1000) + part(source, 0.4, 0.3) + own.slice(1000, 2100), 0.28],
    ['30 % copied, renamed and touched up', () => own.slice(0, 2100) + touchUp(seededRandom(5), renamed(part(source, 0.1, 0.3), '公司', '本院'), 80), 0.25],
  ])('%s: a candidate by its bands and confirmed by alignment', (_name, make, minShare) => {
    const copy = make()
    expect(sharesBand(doc(copy), doc(source))).toBe(true)
    const found = compare(doc(copy), doc(source))
    expect(found.shareOfB).toBeGreaterThanOrEqual(minShare)
    expect(found.passages.length).toBeGreaterThan(0)
  })

  test('unrelated narratives in the same vocabulary: at most a stray common phrase, no candidate', () => {
    const found = compare(doc(own), doc(source))
    // Stock clauses (经过三年实践，质量管理小组围绕…) make a noise floor of a few per cent, far below any threshold.
    expect(found.shareOfA).toBeLessThan(0.08)
    expect(sharesBand(doc(own), doc(source))).toBe(false)
  })

  test('a passage gives its field and position in both original texts, punctuation included', () => {
    const shared = sentencesOf(source).slice(2, 6).join('')
    const a = doc('我们的开篇说明，与对方无关的独立叙述内容。' + shared, 'x')
    const b = doc('y', '对方另起炉灶写了一段完全不同的开头文字。' + shared + '结尾。')
    const [p, ...rest] = compare(a, b).passages
    expect(rest).toEqual([])
    expect(p!.a.field).toBe('f0')
    expect(p!.b.field).toBe('f1')
    const textA = a[0]!.text.slice(p!.a.start, p!.a.end)
    const textB = b[1]!.text.slice(p!.b.start, p!.b.end)
    expect(shared.startsWith(textA)).toBe(true)
    expect(textA).toBe(textB)
    // Up to the punctuation at the end (and a final ％), which normalisation drops.
    expect(textA.length).toBeGreaterThanOrEqual(shared.length - 2)
  })

  test.each([
    ['a run shorter than the minimum passage is not a passage', MIN_PASSAGE - 1, 0],
    ['a run of exactly the minimum is one', MIN_PASSAGE, 1],
  ])('%s', (_name, length, expected) => {
    const run = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'.slice(0, length)
    expect(compare(doc(`这是一段前文${run}后文各不相同一`), doc(`那里另有开头${run}结尾也不一样二`)).passages).toHaveLength(expected)
  })

  test('runs split by an edit are one passage, and the share counts both sides', () => {
    const base = sentencesOf(source).slice(0, 4).join('')
    const edited = base.slice(0, 40) + '某某' + base.slice(42)
    const found = compare(doc(edited), doc(base))
    expect(found.passages).toHaveLength(1)
    expect(found.shareOfA).toBeGreaterThan(0.95)
    expect(found.shareOfB).toBeGreaterThan(0.95)
  })
})

describe('第六条 and the call: boilerplate alone is not flagged', () => {
  const call = { body: '请各申报组织按照附件模板填写申报书，围绕质量管理方法的应用成效进行总结提炼。', keyFields: [{ title: '数字化质量管理', description: '运用新一代信息技术提升质量管理数字化水平' }] }
  const bp = applicationBoilerplate(call, '一、组织概况（不超过五百字）二、主要做法与创新点三、实施成效与对比数据')
  const r = seededRandom(11)

  test('two narratives made of the measures, the criteria hints and the call template: nothing of it counts', () => {
    const quote =
      '所运用的相关质量管理方法（技术）符合科学规律，符合质量管理基本规律。能够对组织质量管理多年实践进行深入总结，系统展示对相关质量管理方法（技术）的应用情况，内容完整、逻辑清晰、重点突出。一、组织概况（不超过五百字）请各申报组织按照附件模板填写申报书'
    const a = doc(quote + narrative(r, 600))
    const b = doc(quote + narrative(r, 600))
    expect(compare(a, b, none).shareOfA).toBeGreaterThan(0.15)
    const found = compare(a, b, bp)
    expect(found.shareOfA).toBeLessThan(0.03)
    expect(found.passages.every((p) => p.length < 30)).toBe(true)
    expect(sharesBand(a, b, bp)).toBe(false)
  })

  test('boilerplate is left out of the share, but copied text around it still counts', () => {
    const copied = narrative(r, 400)
    const found = compare(doc('二、主要做法与创新点' + copied), doc('二、主要做法与创新点' + copied), bp)
    expect(found.shareOfA).toBeGreaterThan(0.99)
    expect(prepare(doc('二、主要做法与创新点'), bp).length).toBe(0)
  })
})

describe('第十六条, 第二十一条: the other side of a passage as a reviewer sees it when the call hides who it is', () => {
  test.each([
    ['identical text is shown as it is', '建立了内部审核点检标准', '建立了内部审核点检标准', '建立了内部审核点检标准'],
    ['the copier’s name put in is masked', '同时，乙联科技围绕关键工序监控看板建立了标准', '同时，公司围绕关键工序监控看板建立了标准', `${MASK.repeat(7)}围绕关键工序监控看板建立了标准`],
    ['a word touched up is masked, the runs around it kept', '质量损失率明显降低了百分之三十', '质量损失率大幅降低了百分之三十', `质量损失率${MASK.repeat(2)}降低了百分之三十`],
    ['nothing shared: all masked', '甲乙丙丁', '戊己庚辛', MASK.repeat(4)],
    ['empty', '', '任何文字', ''],
  ])('%s', (_, other, self, shown) => {
    expect(maskEdits(other, self)).toBe(shown)
  })
})
