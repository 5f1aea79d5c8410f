import { Component, type ErrorInfo, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

interface State {
  error: Error | null;
}

/** Keeps a fault in one screen from blanking the whole app. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) {
      this.setState({ error: null });
    }
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('screen failed', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" className="alert alert-error">
          <p>
            <span aria-hidden="true">⚠ </span>
            <FormattedMessage
              id="errorBoundary.problem"
              defaultMessage="This screen hit a problem: {message}"
              values={{ message: this.state.error.message }}
            />
          </p>
          <button type="button" onClick={() => window.location.reload()}>
            <FormattedMessage id="errorBoundary.reload" defaultMessage="Reload the app" />
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
