import { useState } from 'react'
import { Button } from '../../../ui/nutui'

/** A workbench's export (xlsx download) in its header, spinning while the file is made. */
export function ExportButton({
  className,
  label,
  busyLabel,
  onExport,
}: {
  className: string
  label: string
  busyLabel: string
  /** Downloads the file; a failure is shown by the request layer. */
  onExport: () => Promise<void>
}) {
  const [exporting, setExporting] = useState(false)
  const run = async () => {
    setExporting(true)
    try {
      await onExport()
    } catch {
      // shown by the request layer
    } finally {
      setExporting(false)
    }
  }
  return (
    <Button className={className} type="primary" size="small" loading={exporting} disabled={exporting} onClick={() => void run()}>
      {exporting ? busyLabel : label}
    </Button>
  )
}
