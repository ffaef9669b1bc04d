using 'main.bicep'

// Example values for a test environment. Department secrets are NOT here: pass them at deploy time
// (see infra/README.md) or set them in Key Vault afterwards.
param environmentName = 'test'
param image = 'ghcr.io/onewindow/functions:latest'
param corsOrigins = [
  'https://onewindow.example.gov.cn'
]
param departmentCodes = [
  'amr'
  'health'
  'fire'
  'housing'
]
