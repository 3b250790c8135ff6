/** The keyboard shortcuts and the gestures of the canvas. */
import { SHORTCUTS } from '../keyboard/shortcuts';

export function HelpPanel({ close }: { close: () => void }) {
  return (
    <div className="dialog-backdrop" role="presentation" onClick={close}>
      <div
        className="dialog help"
        role="dialog"
        aria-label="Help"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Keyboard and mouse</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.command}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
            <tr>
              <td>Drag the ⊕ of an entity</td>
              <td>Relate it to the entity you drop on</td>
            </tr>
            <tr>
              <td>Double-click a name</td>
              <td>Rename the entity</td>
            </tr>
            <tr>
              <td>Scroll / drag the background</td>
              <td>Zoom / pan</td>
            </tr>
          </tbody>
        </table>
        <footer>
          <button type="button" onClick={close}>
            Close
          </button>
        </footer>
      </div>
    </div>
  );
}
