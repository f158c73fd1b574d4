import { Text, View } from '@tarojs/components'
import { REMOVAL_STATE_LABELS, formatDateTime, type Removal } from '@zlbg/shared'
import './removals.css'

type Signed = { name: string; at: string; note?: string }
const SOURCE_LABEL = { publication: '本系统公布', import: '往年名单导入' } as const

function Signature({ className, title, s }: { className: string; title: string; s: Signed }) {
  return (
    <View className={`removal-sign ${className}`}>
      <Text className="removal-meta">{`${title}：${s.name} · ${formatDateTime(s.at)}`}</Text>
      {s.note ? <Text className="removal-text">{s.note}</Text> : null}
    </View>
  )
}

/**
 * A removal (第二十一条) as the office, the deciding chair or vice chair and the approver read it: the
 * entry, the ground, the facts and evidence, who signed each step. `download` fetches one evidence file
 * through the caller's own route.
 */
export function RemovalCase({ r, download }: { r: Removal; download: (attachmentId: string, filename: string) => void }) {
  return (
    <>
      <View className="removal-card removal-head">
        <Text className="removal-title">{`${r.experience.organizationName}《${r.experience.title}》`}</Text>
        <Text className="removal-meta">{`${r.experience.year}年名单 · ${SOURCE_LABEL[r.experience.source]} · 由「${r.call.title}」评审委员会确认`}</Text>
        <View className="removal-badges">
          <Text className="removal-badge removal-state">{REMOVAL_STATE_LABELS[r.state]}</Text>
          {r.experience.state === 'removed' ? <Text className="removal-badge removal-badge--warn removal-experience-removed">已移出名单</Text> : null}
        </View>
      </View>
      <View className="removal-card removal-grounds">
        <Text className="removal-title">{`移除事由（第二十一条）：${r.reasonLabel}`}</Text>
        <Text className="removal-text removal-facts">{r.facts}</Text>
        {r.evidence.map((f) => (
          <Text key={f.attachmentId} className="removal-file" onClick={() => download(f.attachmentId, f.filename)}>
            {`📎 ${f.filename}`}
          </Text>
        ))}
        {r.evidence.length === 0 ? <Text className="removal-meta">未附证明材料</Text> : null}
      </View>
      <View className="removal-card removal-signatures">
        <Text className="removal-title">确认过程</Text>
        <Signature className="removal-proposal" title="办公室提出" s={r.proposal} />
        {r.chairConfirmation ? <Signature className="removal-chair-signed" title="主任委员/副主任委员确认" s={r.chairConfirmation} /> : null}
        {r.approverConfirmation ? <Signature className="removal-approver-signed" title="中国质量协会审批人确认" s={r.approverConfirmation} /> : null}
        {r.ending ? <Signature className="removal-ending" title={r.ending.state === 'withdrawn' ? '办公室撤回' : '不予确认'} s={r.ending} /> : null}
        {r.history.map((h, i) => (
          <View key={i} className="removal-step">
            <Text>{REMOVAL_STATE_LABELS[h.state]}</Text>
            <Text>{formatDateTime(h.at)}</Text>
          </View>
        ))}
      </View>
    </>
  )
}
