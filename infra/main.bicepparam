using 'main.bicep'

// Example values for a test environment. Department secrets and the data key are NOT here: pass them at deploy
// time (see infra/README.md) or set them in Key Vault afterwards.
param environmentName = 'test'
param corsOrigins = [
  'https://onewindow.example.gov.cn'
]
param departmentCodes = [
  'amr'
  'health'
  'fire'
  'housing'
]

// Scale to zero; for office hours without cold starts: [ { name: 'http', instanceCount: 1 } ].
param alwaysReady = []
