-- Drives Verbatim's language server from headless Neovim (0.7 and later) the way a writer's
-- config would, then asks for completion after “lifeline and a hover on a citation, and
-- writes what the server answered to $VERBATIM_OUT as JSON. Run by test/neovim/run.mjs.
local cli = assert(os.getenv('VERBATIM_CLI'), 'VERBATIM_CLI is not set')
local draft = assert(os.getenv('VERBATIM_DRAFT'), 'VERBATIM_DRAFT is not set')
local out = assert(os.getenv('VERBATIM_OUT'), 'VERBATIM_OUT is not set')
local results = { errors = {} }
local status = nil

local function finish()
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(results))
  file:close()
  vim.cmd('qall!')
end

-- ---- the README's configuration (Neovim 0.7 to 0.10), with a status handler for the test ----
local verbatim_clients = {}
local function verbatim_root(file)
  local sources = vim.fn.finddir('sources', vim.fn.fnamemodify(file, ':p:h') .. ';')
  if sources == '' then return vim.fn.getcwd() end
  return vim.fn.fnamemodify(sources, ':p:h:h')
end
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  callback = function(args)
    local root = verbatim_root(vim.api.nvim_buf_get_name(args.buf))
    if not verbatim_clients[root] then
      verbatim_clients[root] = vim.lsp.start_client({
        name = 'verbatim',
        cmd = { 'node', cli, 'lsp', '--stdio' },
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
        handlers = { ['verbatim/status'] = function(_, result) status = result end },
      })
    end
    vim.lsp.buf_attach_client(args.buf, verbatim_clients[root])
  end,
})
-- ---- end of the configuration ----

vim.cmd('filetype on')
vim.cmd('edit ' .. vim.fn.fnameescape(draft))

local ok, err = pcall(function()
  local indexed = vim.wait(20000, function() return status ~= nil and not status.indexing and status.sources > 0 end, 50)
  assert(indexed, 'the server never reported indexed sources')
  results.status = status

  -- Completion: type “lifeline on a new last line.
  local last = vim.api.nvim_buf_line_count(0)
  vim.api.nvim_buf_set_lines(0, last, last, false, { '', 'They called it “lifeline' })
  local line = vim.api.nvim_buf_line_count(0)
  local text = vim.api.nvim_buf_get_lines(0, line - 1, line, false)[1]
  vim.api.nvim_win_set_cursor(0, { line, #text })
  local params = vim.lsp.util.make_position_params()
  params.context = { triggerKind = 1 }
  local items = {}
  vim.wait(10000, function()
    local responses = vim.lsp.buf_request_sync(0, 'textDocument/completion', params, 5000) or {}
    for _, response in pairs(responses) do
      local result = response.result or {}
      items = result.items or result
    end
    return #items > 0
  end, 100)
  results.completion = {}
  for _, item in ipairs(items) do
    table.insert(results.completion, { label = item.label, newText = item.textEdit and item.textEdit.newText or item.insertText })
  end

  -- Hover: on the key of the first `[@hkfp-2017-vpn, para. 7]`.
  for i, l in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local col = l:find('@hkfp-2017-vpn, para. 7', 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { i, col + 2 })
      break
    end
  end
  local hovers = vim.lsp.buf_request_sync(0, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000) or {}
  for _, response in pairs(hovers) do
    if response.result then results.hover = response.result.contents.value or response.result.contents end
    if response.err then table.insert(results.errors, response.err.message) end
  end
end)
if not ok then table.insert(results.errors, tostring(err)) end
finish()
